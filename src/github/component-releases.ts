// Lists a component repository's releases, every page, through conditional requests (a quiet day costs 304s).
import type { GitHubRelease } from "../releases/github-release.js";
import type { GitHubClient } from "./github-client.js";
import type { RepositoryRef } from "./repository.js";

/**
 * All releases, newest first as GitHub orders them. The selection needs them all: the highest
 * version is not always the newest release (an older patch line can ship after a newer one).
 */
export async function listReleases(octokit: GitHubClient, repository: RepositoryRef): Promise<GitHubRelease[]> {
  const releases = await octokit.paginate(octokit.rest.repos.listReleases, { ...repository, per_page: 100 });
  return releases.map((r) => ({
    tag_name: r.tag_name,
    name: r.name,
    draft: r.draft,
    prerelease: r.prerelease,
    published_at: r.published_at,
    created_at: r.created_at,
    html_url: r.html_url,
  }));
}
