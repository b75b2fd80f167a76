// Names a repository the way every GitHub route wants it: `{ owner, repo }`, parsed once from "owner/name".
import { parseRepositoryName, type RepositoryRef } from "../repository-name.js";

export type { RepositoryRef };

export class RepositoryNameError extends Error {
  constructor(value: string) {
    super(`"${value}" is not a repository name of the form owner/name`);
    this.name = "RepositoryNameError";
  }
}

export function parseRepository(fullName: string): RepositoryRef {
  const ref = parseRepositoryName(fullName.trim());
  if (ref === null) throw new RepositoryNameError(fullName);
  return ref;
}

/** `owner/name`, what GitHub calls a repository's `full_name`. */
export function fullNameOf(ref: RepositoryRef): string {
  return `${ref.owner}/${ref.repo}`;
}

/** GitHub treats owner and repository names case-insensitively (kairos-io/Immucore is kairos-io/immucore). */
export function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
