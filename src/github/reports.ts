// Where failures reach people: a commit status on the source commit, and a sticky issue on the docs repository.
import type { GitHubClient } from "./github-client.js";
import type { RepositoryRef } from "./repository.js";

/** GitHub truncates nothing for us: a status description longer than 140 characters is a 422. */
const STATUS_DESCRIPTION_LIMIT = 140;

export interface CommitStatus {
  readonly state: "error" | "failure" | "pending" | "success";
  readonly context: string;
  readonly description: string;
  readonly targetUrl?: string;
}

export function fitStatusDescription(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= STATUS_DESCRIPTION_LIMIT ? oneLine : `${oneLine.slice(0, STATUS_DESCRIPTION_LIMIT - 1)}…`;
}

export async function setCommitStatus(
  octokit: GitHubClient,
  repository: RepositoryRef,
  sha: string,
  status: CommitStatus,
): Promise<void> {
  await octokit.rest.repos.createCommitStatus({
    ...repository,
    sha,
    state: status.state,
    context: status.context,
    description: fitStatusDescription(status.description),
    ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
  });
}

export interface StickyIssue {
  readonly number: number;
  readonly body: string;
}

/** The bot's open issue carrying `marker` in its body, if any (the marker survives title edits). */
export async function findStickyIssue(
  octokit: GitHubClient,
  repository: RepositoryRef,
  marker: string,
  creator: string | undefined,
): Promise<StickyIssue | null> {
  const { data } = await octokit.rest.issues.listForRepo({
    ...repository,
    state: "open",
    per_page: 100,
    ...(creator ? { creator } : {}),
  });
  const issue = data.find((i) => !i.pull_request && (i.body ?? "").includes(marker));
  return issue ? { number: issue.number, body: issue.body ?? "" } : null;
}

export async function openStickyIssue(
  octokit: GitHubClient,
  repository: RepositoryRef,
  issue: { title: string; body: string },
): Promise<number> {
  const { data } = await octokit.rest.issues.create({ ...repository, title: issue.title, body: issue.body });
  return data.number;
}

export async function updateStickyIssue(
  octokit: GitHubClient,
  repository: RepositoryRef,
  number: number,
  body: string,
): Promise<void> {
  await octokit.rest.issues.update({ ...repository, issue_number: number, body });
}

export async function closeStickyIssue(
  octokit: GitHubClient,
  repository: RepositoryRef,
  number: number,
  comment: string,
): Promise<void> {
  await octokit.rest.issues.createComment({ ...repository, issue_number: number, body: comment });
  await octokit.rest.issues.update({ ...repository, issue_number: number, state: "closed", state_reason: "completed" });
}
