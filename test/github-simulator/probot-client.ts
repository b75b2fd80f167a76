// Probot's own Octokit pointed at the simulator, authenticated the way Probot does it (app JWT, then installation).
import { ProbotOctokit } from "probot";
import type { GitHubSimulator } from "./index.js";

type ClientOptions = ConstructorParameters<typeof ProbotOctokit>[0] & Record<string, unknown>;

export type Client = InstanceType<typeof ProbotOctokit>;

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Throttling spaces writes a second apart and retries wait seconds; tests switch both off unless a test is
 * about them (then it passes its own `throttle`/`retry`).
 */
export function appClient(sim: GitHubSimulator, extra: ClientOptions = {}): Client {
  return new ProbotOctokit({
    auth: { appId: sim.app.id, privateKey: sim.app.privateKey },
    baseUrl: sim.apiUrl,
    log: silent,
    throttle: { enabled: false },
    retry: { enabled: false },
    ...extra,
  });
}

/** An installation client for an owner, built with Probot's factory pattern (getAuthenticatedOctokit). */
export async function installationClient(sim: GitHubSimulator, owner: string, extra: ClientOptions = {}): Promise<Client> {
  const app = appClient(sim, extra);
  const { data } = await app.request("GET /orgs/{org}/installation", { org: owner });
  const installationId = data.id;
  return (await app.auth({
    type: "installation",
    installationId,
    factory: ({ octokit, octokitOptions }: { octokit: Client; octokitOptions: Record<string, unknown> }) => {
      const Octokit = octokit.constructor as new (o: Record<string, unknown>) => Client;
      return new Octokit({ ...octokitOptions, auth: { ...(octokitOptions.auth as object), installationId } });
    },
  })) as Client;
}
