// The few fields of a GitHub release (GET /repos/{owner}/{repo}/releases) that latest-stable selection reads.

/**
 * One item of the REST "list releases" response. Octokit's full release object is assignable to
 * this, so callers pass API data through unchanged.
 */
export interface GitHubRelease {
  /** The tag as it is now: editing a release can change it, and the list always shows the current one. */
  readonly tag_name: string;
  /** Free text; never used to pick a version (it often still says `-rc1` after the tag was edited). */
  readonly name: string | null;
  readonly draft: boolean;
  /** GitHub's "Set as a pre-release" checkbox. */
  readonly prerelease: boolean;
  /** `null` only for drafts. */
  readonly published_at: string | null;
  readonly created_at: string;
  /** The release page, e.g. `https://github.com/kairos-io/kairos/releases/tag/v4.2.0`. */
  readonly html_url: string;
}
