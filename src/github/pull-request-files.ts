// Which of some paths a source pull request changes, from the pull request files API (read page by page).
import type { GitHubClient } from "./github-client.js";
import type { RepositoryRef } from "./repository.js";

/** GitHub lists at most 3000 files of a pull request: a list that long may leave some out. */
export const PULL_REQUEST_FILE_LIMIT = 3000;

export interface TouchedPaths {
  /** The wanted paths the list names (as added, changed, removed or the old name of a rename). */
  readonly touched: readonly string[];
  /** The list reached GitHub's cap, so an unnamed path may still have changed. */
  readonly incomplete: boolean;
}

/** Stops reading pages as soon as every wanted path was seen. */
export async function pullRequestTouches(
  octokit: GitHubClient,
  repository: RepositoryRef,
  pullNumber: number,
  paths: readonly string[],
): Promise<TouchedPaths> {
  const wanted = new Set(paths);
  const touched = new Set<string>();
  let listed = 0;
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listFiles, { ...repository, pull_number: pullNumber, per_page: 100 });
  for await (const { data } of pages) {
    listed += data.length;
    for (const file of data) {
      for (const name of [file.filename, file.previous_filename]) if (name && wanted.has(name)) touched.add(name);
    }
    if (touched.size === wanted.size) break;
  }
  return { touched: paths.filter((p) => touched.has(p)), incomplete: listed >= PULL_REQUEST_FILE_LIMIT };
}
