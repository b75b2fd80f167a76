// Converges the bot's branch and pull request to a desired page: open, update in place, close, or stand back.
import type { Logger } from "probot";
import type { PullRequestSettings } from "../config/index.js";
import { codeSpan, markdownText } from "../docs-page/markdown-text.js";
import {
  advanceBranch,
  compareBranch,
  createBranch,
  deleteBranch,
  isProtectedBranch,
  readBranch,
  writePageCommit,
  type BranchCommit,
} from "../github/bot-branch.js";
import type { BotIdentity } from "../github/github-access.js";
import type { GitHubClient } from "../github/github-client.js";
import {
  closePullRequest,
  commentOnPullRequest,
  decoratePullRequest,
  editPullRequest,
  findOpenPullRequest,
  hasCommentWithMarker,
  openPullRequest,
  pullRequestsFrom,
  type PullRequestView,
} from "../github/pull-request.js";
import type { RepositoryRef } from "../github/repository.js";
import type { BranchHead } from "../github/repository-files.js";
import { parseState, renderHash, spliceGeneratedRegion, type PullRequestState } from "./pull-request-state.js";

export type ConvergeOutcome = "unchanged" | "opened" | "updated" | "closed" | "stopped";

export interface Proposal {
  readonly docs: RepositoryRef;
  /** The docs default branch head the page was read at. */
  readonly head: BranchHead;
  readonly pagePath: string;
  readonly currentPage: string;
  readonly desiredPage: string;
  readonly settings: PullRequestSettings;
  readonly title: string;
  /** The bot's region of the PR body. */
  readonly body: string;
  readonly commitMessage: string;
  /** Source commits the proposal was generated from. */
  readonly sources: readonly string[];
  /**
   * Every source commit this run's read knows (the current ones and those before them), or undefined to
   * trust the read. A pull request written from a commit outside it came from a newer read (another replica).
   */
  readonly seenSources?: ReadonlySet<string>;
}

/** Someone moved the bot's branch between our read and our write: the reconcile reads again. */
export class BranchMovedError extends Error {
  constructor(branch: string) {
    super(`the branch ${branch} moved while the bot was updating it`);
    this.name = "BranchMovedError";
  }
}

/** The pull request was written from newer sources or a newer docs base than this run read: it reads again. */
export class StaleReadError extends BranchMovedError {
  constructor(branch: string, newer: string) {
    super(branch);
    this.name = "StaleReadError";
    this.message = `the pull request on ${branch} was written from ${newer}, newer than this run read`;
  }
}

/** The configured branch exists and is not the bot's to write: a docs maintainer must pick another. */
export class BotBranchRefusedError extends Error {
  constructor(
    readonly branch: string,
    reason: string,
  ) {
    super(`the branch "${branch}" ${reason}; the bot writes only to a branch of its own: choose a new branch name`);
    this.name = "BotBranchRefusedError";
  }
}

export const STOPPED_MARKER = "<!-- support-matrix-bot:stopped -->";

/** Merges (the "Update branch" button) bring only the base along; anything else not made by the bot is someone's work. */
function isForeign(commit: BranchCommit, identity: BotIdentity): boolean {
  if (commit.parentCount > 1) return false;
  return commit.authorLogin?.toLowerCase() !== identity.login.toLowerCase();
}

export interface ConvergeDeps {
  readonly octokit: GitHubClient;
  readonly identity: () => Promise<BotIdentity>;
  readonly log: Logger;
}

export async function converge(deps: ConvergeDeps, proposal: Proposal): Promise<{ outcome: ConvergeOutcome; pull: PullRequestView | null }> {
  const { octokit } = deps;
  const pull = await findOpenPullRequest(octokit, proposal.docs, proposal.settings.branch);
  // Closing or overwriting a pull request written from newer facts would lose them (two replicas racing).
  if (pull) assertSourcesNotNewer(proposal, pull);
  if (proposal.desiredPage === proposal.currentPage) {
    if (!pull) return { outcome: "unchanged", pull: null };
    return closeIfOurs(deps, proposal, pull);
  }
  return pull ? updatePullRequest(deps, proposal, pull) : openNewPullRequest(deps, proposal);
}

function assertSourcesNotNewer(proposal: Proposal, pull: PullRequestView): void {
  const { seenSources } = proposal;
  const unseen = seenSources ? (parseState(pull.body)?.sources ?? []).filter((s) => !seenSources.has(s)) : [];
  if (unseen.length > 0) throw new StaleReadError(proposal.settings.branch, unseen.join(", "));
}

/** Building on a docs base older than the one the branch already merged would undo the docs changes in between. */
async function assertBaseNotNewer(deps: ConvergeDeps, proposal: Proposal, recordedBase: string): Promise<void> {
  const comparison = await compareBranch(deps.octokit, proposal.docs, proposal.head.sha, recordedBase);
  if (comparison.status === "ahead") throw new StaleReadError(proposal.settings.branch, `docs ${recordedBase.slice(0, 7)}`);
}

async function foreignCommits(
  deps: ConvergeDeps,
  proposal: Proposal,
  headSha: string,
): Promise<{ foreign: BranchCommit[]; behind: boolean; ahead: boolean; headTreeSha: string | undefined }> {
  const comparison = await compareBranch(deps.octokit, proposal.docs, proposal.head.sha, headSha);
  const identity = await deps.identity();
  return {
    foreign: comparison.commits.filter((c) => isForeign(c, identity)),
    behind: comparison.behindBy > 0,
    ahead: comparison.aheadBy > 0,
    headTreeSha: comparison.commits.find((c) => c.sha === headSha)?.treeSha,
  };
}

async function closeIfOurs(
  deps: ConvergeDeps,
  proposal: Proposal,
  pull: PullRequestView,
): Promise<{ outcome: ConvergeOutcome; pull: PullRequestView }> {
  const state = parseState(pull.body);
  if (state?.head !== pull.headSha) {
    const { foreign } = await foreignCommits(deps, proposal, pull.headSha);
    if (foreign.length > 0) return { outcome: await standBack(deps, proposal, pull, foreign), pull };
  }
  await closePullRequest(
    deps.octokit,
    proposal.docs,
    pull.number,
    `The docs default branch (${proposal.head.sha.slice(0, 7)}) already says what this pull request proposed, ` +
      "so support-matrix-bot closes it and deletes its branch. Nothing is lost: the page already matches its sources.",
  );
  await deleteBranch(deps.octokit, proposal.docs, proposal.settings.branch);
  return { outcome: "closed", pull };
}

/** Human commits are never overwritten: say so once, with how to hand the branch back. */
async function standBack(
  deps: ConvergeDeps,
  proposal: Proposal,
  pull: PullRequestView,
  foreign: readonly BranchCommit[],
): Promise<"stopped"> {
  deps.log.warn({ pull: pull.number, commits: foreign.map((c) => c.sha) }, "commits by someone else on the bot branch: not updating it");
  if (await hasCommentWithMarker(deps.octokit, proposal.docs, pull.number, STOPPED_MARKER)) return "stopped";
  // The author is mentioned on purpose; the commit's own words are text.
  const list = foreign.map((c) => `- ${c.sha.slice(0, 7)} ${markdownText(c.message.split("\n", 1)[0] ?? "")}${c.authorLogin ? ` (@${c.authorLogin})` : ""}`);
  await commentOnPullRequest(
    deps.octokit,
    proposal.docs,
    pull.number,
    [
      STOPPED_MARKER,
      "support-matrix-bot has **stopped updating this pull request**: its branch has commits the bot did not make, and it never force-pushes over them.",
      "",
      ...list,
      "",
      "To hand it back, either comment `/support-matrix-bot recreate` (anyone with write access): the bot closes this pull request and opens a fresh one from the current sources (these commits stay visible here); " +
        `or delete the branch ${codeSpan(proposal.settings.branch)}. Until then, merge or close this pull request as you see fit.`,
    ].join("\n"),
  );
  return "stopped";
}

function stateOf(proposal: Proposal, head: string, title: string): PullRequestState {
  return { head, base: proposal.head.sha, render: renderHash(proposal.desiredPage), title, sources: [...proposal.sources] };
}

async function commitOnto(deps: ConvergeDeps, proposal: Proposal, parents: string[], parentTreeSha?: string): Promise<string> {
  return writePageCommit(deps.octokit, proposal.docs, {
    baseTreeSha: proposal.head.treeSha,
    parents,
    path: proposal.pagePath,
    content: proposal.desiredPage,
    message: proposal.commitMessage,
    ...(parentTreeSha ? { parentTreeSha } : {}),
  });
}

async function updatePullRequest(
  deps: ConvergeDeps,
  proposal: Proposal,
  pull: PullRequestView,
): Promise<{ outcome: ConvergeOutcome; pull: PullRequestView }> {
  const state = parseState(pull.body);
  const titleIsOurs = state === null || pull.title === state.title;
  const title = titleIsOurs ? proposal.title : pull.title;
  const hash = renderHash(proposal.desiredPage);
  if (state && state.head === pull.headSha && state.base === proposal.head.sha && state.render === hash) {
    return refreshText(deps, proposal, pull, title, state);
  }
  // The branch head is the one we wrote, or everything since is ours (another replica) or a merge of the base.
  let parents: string[];
  let headTreeSha: string | undefined;
  if (state?.head === pull.headSha) {
    if (state.base !== proposal.head.sha) await assertBaseNotNewer(deps, proposal, state.base);
    parents = state.base === proposal.head.sha ? [pull.headSha] : [pull.headSha, proposal.head.sha];
  } else {
    const comparison = await foreignCommits(deps, proposal, pull.headSha);
    if (comparison.foreign.length > 0) return { outcome: await standBack(deps, proposal, pull, comparison.foreign), pull };
    parents = comparison.behind ? [pull.headSha, proposal.head.sha] : [pull.headSha];
    headTreeSha = comparison.headTreeSha;
  }
  // Never forced: a merge with the new base keeps the branch a fast-forward, so no one's commit is dropped.
  const sha = await commitOnto(deps, proposal, parents, headTreeSha);
  if (sha !== pull.headSha && (await advanceBranch(deps.octokit, proposal.docs, proposal.settings.branch, sha)) === "refused") {
    throw new BranchMovedError(proposal.settings.branch);
  }
  const body = spliceGeneratedRegion(pull.body, proposal.body, stateOf(proposal, sha, title));
  await editPullRequest(deps.octokit, proposal.docs, pull.number, { body, ...(title !== pull.title ? { title } : {}) });
  return { outcome: "updated", pull };
}

/** The branch is right; only the words may have changed (a new template, a reworded summary). */
async function refreshText(
  deps: ConvergeDeps,
  proposal: Proposal,
  pull: PullRequestView,
  title: string,
  state: PullRequestState,
): Promise<{ outcome: ConvergeOutcome; pull: PullRequestView }> {
  const body = spliceGeneratedRegion(pull.body, proposal.body, { ...state, title });
  if (body === pull.body && title === pull.title) return { outcome: "unchanged", pull };
  await editPullRequest(deps.octokit, proposal.docs, pull.number, { body, ...(title !== pull.title ? { title } : {}) });
  return { outcome: "updated", pull };
}

async function openNewPullRequest(
  deps: ConvergeDeps,
  proposal: Proposal,
): Promise<{ outcome: ConvergeOutcome; pull: PullRequestView | null }> {
  const { octokit } = deps;
  const { branch } = proposal.settings;
  // A merged pull request leaves its branch behind unless the repository deletes head branches: look
  // before writing, so that common case costs one read rather than a commit made for nothing.
  const leftover = await readBranch(octokit, proposal.docs, branch);
  if (leftover !== null) await assertBranchIsOurs(deps, proposal, leftover);
  let sha = leftover === null ? await commitOnto(deps, proposal, [proposal.head.sha]) : "";
  if (leftover !== null || (await createBranch(octokit, proposal.docs, branch, sha)) === "exists") {
    sha = await reuseBranch(deps, proposal, leftover);
    if (sha === "") return { outcome: "stopped", pull: null };
  }
  const body = spliceGeneratedRegion("", proposal.body, stateOf(proposal, sha, proposal.title));
  const { pull, created } = await openPullRequest(octokit, proposal.docs, {
    branch,
    base: proposal.head.branch,
    title: proposal.title,
    body,
    draft: proposal.settings.draft,
  });
  // Another run opened it between our look and our write: bring it to this run's state (or find this run stale).
  if (!created) {
    assertSourcesNotNewer(proposal, pull);
    return updatePullRequest(deps, proposal, pull);
  }
  const refused = await decoratePullRequest(octokit, proposal.docs, pull.number, proposal.settings);
  if (refused.length > 0) deps.log.warn({ pull: pull.number, refused }, "GitHub refused part of the pull_request settings; the pull request is open without it");
  return { outcome: "opened", pull };
}

/**
 * A branch that exists without a pull request is written only when it carries the bot's mark: a pull
 * request the bot opened from it (with its state marker), or commits the bot made on top of the base.
 * A protected branch is never written, whoever made it. Costs two reads, only when the branch exists.
 */
async function assertBranchIsOurs(deps: ConvergeDeps, proposal: Proposal, sha: string): Promise<void> {
  const { branch } = proposal.settings;
  if (await isProtectedBranch(deps.octokit, proposal.docs, branch)) throw new BotBranchRefusedError(branch, "is protected");
  const identity = await deps.identity();
  const pulls = await pullRequestsFrom(deps.octokit, proposal.docs, branch);
  if (pulls.some((p) => p.author.toLowerCase() === identity.login.toLowerCase() && parseState(p.body) !== null)) return;
  const { foreign, ahead } = await foreignCommits(deps, proposal, sha);
  if (ahead && foreign.length === 0) return;
  throw new BotBranchRefusedError(branch, "already exists and was not made by support-matrix-bot");
}

/**
 * The branch is left over (a merged or closed PR, or another replica just created it): build on it
 * when everything there is the bot's, never reset it. Returns "" when someone else's commits are on it.
 */
async function reuseBranch(deps: ConvergeDeps, proposal: Proposal, known: string | null): Promise<string> {
  const { branch } = proposal.settings;
  const existing = known ?? (await readBranch(deps.octokit, proposal.docs, branch));
  if (existing === null) throw new BranchMovedError(branch);
  const { foreign, behind, ahead, headTreeSha } = await foreignCommits(deps, proposal, existing);
  if (foreign.length > 0) {
    deps.log.warn(
      { branch, commits: foreign.map((c) => c.sha) },
      "the bot branch exists without a pull request and holds commits the bot did not make: delete it to let the bot continue",
    );
    return "";
  }
  // A merged branch is already in the base: building on the base alone is still a fast-forward of it.
  const parents = !ahead ? [proposal.head.sha] : behind ? [existing, proposal.head.sha] : [existing];
  const sha = await commitOnto(deps, proposal, parents, headTreeSha);
  if (sha !== existing && (await advanceBranch(deps.octokit, proposal.docs, branch, sha)) === "refused") throw new BranchMovedError(branch);
  return sha;
}
