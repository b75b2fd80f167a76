// What our plugins need to know about a failed GitHub request, and how to name one in a log without secrets.

/** The shape of @octokit/request's RequestError that we rely on (checked structurally, so no extra dependency). */
export interface HttpFailure {
  readonly status: number;
  readonly message: string;
  readonly response?: {
    readonly headers: Readonly<Record<string, string | number | undefined>>;
    readonly data?: unknown;
  };
}

export function isHttpFailure(error: unknown): error is HttpFailure {
  return (
    error instanceof Error &&
    typeof (error as { status?: unknown }).status === "number"
  );
}

export function headerOf(failure: HttpFailure, name: string): string | undefined {
  const value = failure.response?.headers[name];
  return value === undefined ? undefined : String(value);
}

// GitHub once accepted credentials in the query string; never let one reach a log line.
const secretParameters = new Set(["access_token", "client_secret", "client_id", "token", "code", "state"]);

/** `GET /repos/o/r/contents/x?ref=main` (no host), with any credential-like query parameter redacted. */
export function describeRequest(method: string, url: string): string {
  let shown = url;
  try {
    const parsed = new URL(url, "https://api.github.invalid");
    for (const name of [...parsed.searchParams.keys()]) {
      if (secretParameters.has(name.toLowerCase())) parsed.searchParams.set(name, "REDACTED");
    }
    // The host is always the configured API base; the path is what tells requests apart.
    shown = `${parsed.pathname}${parsed.search}`;
  } catch {
    shown = url.replace(/\?.*$/, "?[query omitted]");
  }
  return `${method.toUpperCase()} ${shown}`;
}
