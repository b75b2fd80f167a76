// GitHub's rule for `owner/name`, written once: the config schema, the app's settings and every API route parse with it.

/**
 * A login: letters, digits and single hyphens, neither first nor last, at most 39 characters (the rules the
 * github.com sign-up form states for user names; organizations follow them too).
 */
const OWNER = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";
/** GitHub turns any other character of a repository name into `-`, and "." and ".." cannot be names. */
const NAME = "(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}";

/** A user or organization login, as a regular expression source. */
export const LOGIN_PATTERN = `^${OWNER}$`;

/** `owner/name`, as a JSON Schema pattern too (editors show it while typing). */
export const REPOSITORY_PATTERN = `^${OWNER}/${NAME}$`;

const OWNER_AND_NAME = new RegExp(`^(${OWNER})/(${NAME})$`);

/** A repository the way every GitHub route wants it: `{ owner, repo }`. */
export interface RepositoryRef {
  readonly owner: string;
  readonly repo: string;
}

/** `{ owner, repo }` from `owner/name`, or null when GitHub could not have a repository of that name. */
export function parseRepositoryName(fullName: string): RepositoryRef | null {
  const match = OWNER_AND_NAME.exec(fullName);
  return match ? { owner: match[1]!, repo: match[2]! } : null;
}
