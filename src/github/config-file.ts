// Reads the bot's config file through Probot's config plugin (so `_extends` works), pinned to a docs commit.
import type { GitHubClient } from "./github-client.js";
import type { RepositoryRef } from "./repository.js";

export interface ConfigFileRead {
  /** The merged value, or null when no file exists (neither in the repository nor in the owner's `.github`). */
  readonly value: unknown;
  /** Every file that contributed, most specific first, for locating errors in their text. */
  readonly files: readonly { readonly owner: string; readonly repo: string; readonly path: string }[];
}

/** Throws the plugin's own errors (invalid YAML, bad `_extends`); the caller turns them into located errors. */
export async function readConfigFile(
  octokit: GitHubClient,
  repository: RepositoryRef,
  path: string,
  ref: string,
): Promise<ConfigFileRead> {
  const { config, files } = await octokit.config.get({ ...repository, path, branch: ref });
  const found = files.filter((f) => f.config !== null);
  return {
    value: found.length > 0 ? config : null,
    files: found.map((f) => ({ owner: f.owner, repo: f.repo, path: f.path })),
  };
}

/**
 * The raw text of config files, read only when validation failed: the plugin keeps parsed values,
 * and a maintainer needs `file:line:col`.
 */
export async function readConfigTexts(
  octokit: GitHubClient,
  files: ConfigFileRead["files"],
  repository: RepositoryRef,
  ref: string,
): Promise<{ file: string; text: string }[]> {
  const texts: { file: string; text: string }[] = [];
  for (const f of files) {
    const same = f.owner.toLowerCase() === repository.owner.toLowerCase() && f.repo.toLowerCase() === repository.repo.toLowerCase();
    const { data } = await octokit.rest.repos.getContent({
      owner: f.owner,
      repo: f.repo,
      path: f.path,
      ...(same ? { ref } : {}),
      mediaType: { format: "raw" },
    });
    texts.push({ file: same ? f.path : `${f.owner}/${f.repo}:${f.path}`, text: String(data) });
  }
  return texts;
}
