// Names a repository the way every GitHub route wants it: `{ owner, repo }`, parsed once from "owner/name".

export interface RepositoryRef {
  readonly owner: string;
  readonly repo: string;
}

export class RepositoryNameError extends Error {
  constructor(value: string) {
    super(`"${value}" is not a repository name of the form owner/name`);
    this.name = "RepositoryNameError";
  }
}

const REPOSITORY_NAME = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

export function parseRepository(fullName: string): RepositoryRef {
  const match = REPOSITORY_NAME.exec(fullName.trim());
  if (!match || match[2] === "." || match[2] === "..") throw new RepositoryNameError(fullName);
  return { owner: match[1]!, repo: match[2]! };
}

export function repositoryName(ref: RepositoryRef): string {
  return `${ref.owner}/${ref.repo}`;
}

/** GitHub treats owner and repository names case-insensitively (kairos-io/Immucore is kairos-io/immucore). */
export function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
