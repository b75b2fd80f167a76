// The authenticated Octokit every GitHub call in this folder goes through.
import type { ProbotOctokit } from "probot";

/** An installation- or token-authenticated client with Probot's REST methods, pagination and config plugin. */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

/** What a failed Octokit request carries; narrowed here so callers branch on status, not on message text. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}

export function isNotFound(error: unknown): boolean {
  return httpStatusOf(error) === 404;
}
