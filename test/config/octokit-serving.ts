// A ProbotOctokit whose GitHub serves raw file contents from a map and 404s the rest: the app's own config path, no network.
import { ProbotOctokit } from "probot";

export function octokitServing(files: Record<string, string>): InstanceType<typeof ProbotOctokit> {
  const fetch = async (url: string): Promise<Response> => {
    const body = files[decodeURIComponent(new URL(url).pathname)];
    if (body === undefined) {
      return new Response(JSON.stringify({ message: "Not Found" }), {
        status: 404,
        headers: { "content-type": "application/json; charset=utf-8" },
      });
    }
    return new Response(body, { status: 200, headers: { "content-type": "application/vnd.github.raw; charset=utf-8" } });
  };
  return new ProbotOctokit({ request: { fetch, retries: 0 }, throttle: { enabled: false } });
}
