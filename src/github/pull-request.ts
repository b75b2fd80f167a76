// Every pull-request call the bot makes: find its PR by head branch, open, edit, decorate, comment, close.
import { httpStatusOf, type GitHubClient } from "./github-client.js";
import type { RepositoryRef } from "./repository.js";

export interface PullRequestView {
  readonly number: number;
  readonly url: string;
  readonly headSha: string;
  readonly headRef: string;
  readonly baseRef: string;
  readonly title: string;
  readonly body: string;
  readonly draft: boolean;
}

export interface NewPullRequest {
  readonly branch: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
  readonly draft: boolean;
}

export interface PullRequestDecoration {
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  readonly reviewers: readonly string[];
  readonly teamReviewers: readonly string[];
}

interface PullLike {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
  draft?: boolean;
  head: { sha: string; ref: string };
  base: { ref: string };
}

function view(pull: PullLike): PullRequestView {
  return {
    number: pull.number,
    url: pull.html_url,
    headSha: pull.head.sha,
    headRef: pull.head.ref,
    baseRef: pull.base.ref,
    title: pull.title,
    body: pull.body ?? "",
    draft: pull.draft ?? false,
  };
}

/** Who opened each pull request (open, closed or merged) whose head is `branch` in the repository itself, and its body. */
export async function pullRequestsFrom(
  octokit: GitHubClient,
  repository: RepositoryRef,
  branch: string,
): Promise<{ readonly author: string; readonly body: string }[]> {
  const { data } = await octokit.rest.pulls.list({ ...repository, state: "all", head: `${repository.owner}:${branch}`, per_page: 30 });
  return data.filter((p) => p.head.ref === branch).map((p) => ({ author: p.user?.login ?? "", body: p.body ?? "" }));
}

/** The open PR whose head is the bot's branch in the docs repository itself (never a fork's). */
export async function findOpenPullRequest(
  octokit: GitHubClient,
  repository: RepositoryRef,
  branch: string,
): Promise<PullRequestView | null> {
  const { data } = await octokit.rest.pulls.list({
    ...repository,
    state: "open",
    head: `${repository.owner}:${branch}`,
    per_page: 10,
  });
  const pull = data.find((p) => p.head.ref === branch);
  return pull ? view(pull) : null;
}

/** Opening races with another replica end in GitHub's "already exists" 422: adopt that PR instead. */
export async function openPullRequest(
  octokit: GitHubClient,
  repository: RepositoryRef,
  request: NewPullRequest,
): Promise<{ pull: PullRequestView; created: boolean }> {
  try {
    const { data } = await octokit.rest.pulls.create({
      ...repository,
      head: request.branch,
      base: request.base,
      title: request.title,
      body: request.body,
      draft: request.draft,
      maintainer_can_modify: true,
    });
    return { pull: view(data), created: true };
  } catch (error) {
    if (httpStatusOf(error) !== 422) throw error;
    const existing = await findOpenPullRequest(octokit, repository, request.branch);
    if (!existing) throw error;
    return { pull: existing, created: false };
  }
}

export async function editPullRequest(
  octokit: GitHubClient,
  repository: RepositoryRef,
  number: number,
  change: { title?: string; body?: string; base?: string },
): Promise<void> {
  await octokit.rest.pulls.update({ ...repository, pull_number: number, ...change });
}

/**
 * Labels and assignees in one issue edit, reviewers in one request; nothing when nothing is configured.
 * Returns what GitHub refused (a reviewer who is not a collaborator): the pull request stands without it.
 */
export async function decoratePullRequest(
  octokit: GitHubClient,
  repository: RepositoryRef,
  number: number,
  decoration: PullRequestDecoration,
): Promise<string[]> {
  if (decoration.labels.length > 0 || decoration.assignees.length > 0) {
    await octokit.rest.issues.update({
      ...repository,
      issue_number: number,
      ...(decoration.labels.length > 0 ? { labels: [...decoration.labels] } : {}),
      ...(decoration.assignees.length > 0 ? { assignees: [...decoration.assignees] } : {}),
    });
  }
  if (decoration.reviewers.length === 0 && decoration.teamReviewers.length === 0) return [];
  try {
    await octokit.rest.pulls.requestReviewers({
      ...repository,
      pull_number: number,
      reviewers: [...decoration.reviewers],
      team_reviewers: [...decoration.teamReviewers],
    });
    return [];
  } catch (error) {
    if (httpStatusOf(error) !== 422) throw error;
    return [`reviewers: ${error instanceof Error ? error.message : String(error)}`];
  }
}

export async function commentOnPullRequest(
  octokit: GitHubClient,
  repository: RepositoryRef,
  number: number,
  body: string,
): Promise<void> {
  await octokit.rest.issues.createComment({ ...repository, issue_number: number, body });
}

/** Whether one of the PR's comments already carries a marker, so a notice is posted once, not every run. */
export async function hasCommentWithMarker(
  octokit: GitHubClient,
  repository: RepositoryRef,
  number: number,
  marker: string,
): Promise<boolean> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    ...repository,
    issue_number: number,
    per_page: 100,
  });
  return comments.some((c) => (c.body ?? "").includes(marker));
}

export async function closePullRequest(
  octokit: GitHubClient,
  repository: RepositoryRef,
  number: number,
  comment: string,
): Promise<void> {
  await commentOnPullRequest(octokit, repository, number, comment);
  await octokit.rest.pulls.update({ ...repository, pull_number: number, state: "closed" });
}

export interface PullRequestHead {
  readonly number: number;
  readonly state: string;
  readonly headRef: string;
  /** `owner/name` of the head repository (null when it was deleted). */
  readonly headRepository: string | null;
  /** Who opened it. */
  readonly author: string;
  readonly body: string;
}

export async function readPullRequestHead(
  octokit: GitHubClient,
  repository: RepositoryRef,
  number: number,
): Promise<PullRequestHead> {
  const { data } = await octokit.rest.pulls.get({ ...repository, pull_number: number });
  return {
    number,
    state: data.state,
    headRef: data.head.ref,
    headRepository: data.head.repo?.full_name ?? null,
    author: data.user?.login ?? "",
    body: data.body ?? "",
  };
}

/** Commands change the bot's branch, so only people who could push to it themselves may give them. */
export async function canWrite(octokit: GitHubClient, repository: RepositoryRef, login: string): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repository, username: login });
    return ["admin", "maintain", "write"].includes(data.role_name ?? data.permission);
  } catch (error) {
    if (httpStatusOf(error) === 404) return false;
    throw error;
  }
}
