// Every web link the bot writes, built from one server URL: github.com, or a GitHub Enterprise Server host.

/** The web server of github.com; a GitHub Enterprise Server has its own (`https://ghe.example.com`). */
export const GITHUB_SERVER_URL = "https://github.com";

/**
 * The web server behind a REST API base URL. github.com serves its API from a separate host
 * (`https://api.github.com`); GitHub Enterprise Server serves it under `/api/v3` of the web host.
 * https://docs.github.com/en/enterprise-server@latest/rest/quickstart ("http(s)://HOSTNAME/api/v3")
 */
export function serverUrlOf(apiBaseUrl: string): string {
  const base = apiBaseUrl.replace(/\/+$/, "");
  if (/^https:\/\/api\.github\.com$/i.test(base)) return GITHUB_SERVER_URL;
  return base.replace(/\/api\/v3$/i, "");
}

export function repositoryUrl(serverUrl: string, repository: string): string {
  return `${trimmed(serverUrl)}/${repository}`;
}

/** A file at a commit (or a branch), optionally at one line: `…/blob/<ref>/<path>#L<line>`. */
export function blobUrl(serverUrl: string, file: { readonly repository: string; readonly ref: string; readonly path: string }, line?: number): string {
  const url = `${repositoryUrl(serverUrl, file.repository)}/blob/${file.ref}/${file.path}`;
  return line === undefined ? url : `${url}#L${line}`;
}

/** The releases list: the changelog links it rather than one release, so the link never goes stale. */
export function releasesUrl(serverUrl: string, repository: string): string {
  return `${repositoryUrl(serverUrl, repository)}/releases`;
}

/**
 * The no-reply address GitHub gives an account: `ID+LOGIN@users.noreply.<host>` (github.com, or the
 * Enterprise Server's host name).
 * https://docs.github.com/en/enterprise-server@latest/account-and-profile/setting-up-and-managing-your-personal-account-on-github/managing-email-preferences/setting-your-commit-email-address
 */
export function noreplyEmail(serverUrl: string, login: string, userId: number | undefined): string {
  const host = new URL(serverUrl).hostname;
  return userId ? `${userId}+${login}@users.noreply.${host}` : `${login}@users.noreply.${host}`;
}

function trimmed(serverUrl: string): string {
  return serverUrl.replace(/\/+$/, "");
}
