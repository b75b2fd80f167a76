// Writes the bot's branch through the git data API: a tree on base_tree, a commit, and a ref move that never forces.
import { httpStatusOf, isNotFound, type GitHubClient } from "./github-client.js";
import type { RepositoryRef } from "./repository.js";

export interface PageCommit {
  /** The tree to start from: the docs default branch head's tree. */
  readonly baseTreeSha: string;
  readonly parents: readonly string[];
  readonly path: string;
  readonly content: string;
  readonly message: string;
  /** The tree of the single parent, when known: the same tree again means there is nothing to commit. */
  readonly parentTreeSha?: string;
}

export interface BranchCommit {
  readonly sha: string;
  readonly treeSha: string;
  readonly message: string;
  readonly authorLogin: string | null;
  readonly authorType: string | null;
  /** Two or more for a merge (GitHub's "Update branch" button makes one). */
  readonly parentCount: number;
}

export interface BranchComparison {
  /** GitHub's answer for base...head: identical, ahead, behind or diverged. */
  readonly status: string;
  readonly aheadBy: number;
  readonly behindBy: number;
  /** Commits on the branch that the base does not have, oldest first. */
  readonly commits: readonly BranchCommit[];
}

/**
 * Two calls whatever the page size: the tree entry carries the content, so no separate blob is
 * created, and commits made this way with an installation token are signed and shown Verified.
 * Returns the parent itself when the page is already there.
 */
export async function writePageCommit(
  octokit: GitHubClient,
  repository: RepositoryRef,
  commit: PageCommit,
): Promise<string> {
  const { data: tree } = await octokit.rest.git.createTree({
    ...repository,
    base_tree: commit.baseTreeSha,
    tree: [{ path: commit.path, mode: "100644", type: "blob", content: commit.content }],
  });
  // A branch already holding this page (a run that wrote it and then failed) gets no empty commit on top.
  const [parent, ...others] = commit.parents;
  if (parent !== undefined && others.length === 0 && tree.sha === commit.parentTreeSha) return parent;
  const { data: created } = await octokit.rest.git.createCommit({
    ...repository,
    message: commit.message,
    tree: tree.sha,
    parents: [...commit.parents],
  });
  return created.sha;
}

export async function readBranch(
  octokit: GitHubClient,
  repository: RepositoryRef,
  branch: string,
): Promise<string | null> {
  try {
    const { data } = await octokit.rest.git.getRef({ ...repository, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Whether a branch protection rule covers an existing branch (GET /repos/{owner}/{repo}/branches/{branch}). */
export async function isProtectedBranch(octokit: GitHubClient, repository: RepositoryRef, branch: string): Promise<boolean> {
  const { data } = await octokit.rest.repos.getBranch({ ...repository, branch });
  return data.protected;
}

/** `exists` when someone (another replica) created it first: the caller re-reads and decides again. */
export async function createBranch(
  octokit: GitHubClient,
  repository: RepositoryRef,
  branch: string,
  sha: string,
): Promise<"created" | "exists"> {
  try {
    await octokit.rest.git.createRef({ ...repository, ref: `refs/heads/${branch}`, sha });
    return "created";
  } catch (error) {
    if (httpStatusOf(error) === 422) return "exists";
    throw error;
  }
}

/**
 * Moves the branch only as a fast-forward: our new commit descends from the head we read, so a
 * refusal means someone moved the branch since, and nothing of theirs is overwritten.
 */
export async function advanceBranch(
  octokit: GitHubClient,
  repository: RepositoryRef,
  branch: string,
  sha: string,
): Promise<"moved" | "refused"> {
  try {
    await octokit.rest.git.updateRef({ ...repository, ref: `heads/${branch}`, sha, force: false });
    return "moved";
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 422 || status === 409) return "refused";
    throw error;
  }
}

export async function deleteBranch(octokit: GitHubClient, repository: RepositoryRef, branch: string): Promise<void> {
  try {
    await octokit.rest.git.deleteRef({ ...repository, ref: `heads/${branch}` });
  } catch (error) {
    // Already gone (GitHub's "delete head branches" setting, or a maintainer): the goal is met.
    if (httpStatusOf(error) !== 422 && !isNotFound(error)) throw error;
  }
}

export async function compareBranch(
  octokit: GitHubClient,
  repository: RepositoryRef,
  base: string,
  head: string,
): Promise<BranchComparison> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
    ...repository,
    basehead: `${base}...${head}`,
    per_page: 100,
  });
  return {
    status: data.status,
    aheadBy: data.ahead_by,
    behindBy: data.behind_by,
    commits: data.commits.map((c) => ({
      sha: c.sha,
      treeSha: c.commit.tree.sha,
      message: c.commit.message,
      authorLogin: c.author?.login ?? null,
      authorType: c.author?.type ?? null,
      parentCount: c.parents.length,
    })),
  };
}
