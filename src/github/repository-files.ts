// Reads branch heads and text files through the REST API: no clone, and pinned reads are cached by SHA.
import { LocatedError } from "../located-error.js";
import { isNotFound, type GitHubClient } from "./github-client.js";
import type { RepositoryRef } from "./repository.js";

export interface BranchHead {
  readonly branch: string;
  readonly sha: string;
  readonly treeSha: string;
}

export interface TextFile {
  readonly path: string;
  readonly text: string;
  /** The git blob SHA, which identifies the content. */
  readonly blobSha: string;
}

export class NotAFileError extends Error {
  constructor(repository: RepositoryRef, path: string, ref: string) {
    super(`${repository.owner}/${repository.repo}:${path}@${ref} is not a file`);
    this.name = "NotAFileError";
  }
}

/**
 * Text files the bot reads (workflows, the page, templates, config) are a few KB; anything over a
 * mebibyte is refused before its content is downloaded. The workflow reader refuses more than this
 * many characters too (MAX_WORKFLOW_CHARACTERS).
 */
export const MAX_TEXT_FILE_BYTES = 1_048_576;

/** A file too large to read, refused from its size in the contents metadata. */
export class FileTooLargeError extends LocatedError {
  constructor(path: string, bytes: number, maxBytes: number) {
    super({ file: path, line: 1, col: 1 }, `file is ${bytes} bytes; support-matrix-bot reads files of at most ${maxBytes} bytes`);
  }
}

export interface RepositoryInfo {
  readonly defaultBranch: string;
  /** The repository's web page (github.com or a GitHub Enterprise host), for links in pull requests. */
  readonly htmlUrl: string;
}

export async function readRepositoryInfo(octokit: GitHubClient, repository: RepositoryRef): Promise<RepositoryInfo> {
  const { data } = await octokit.rest.repos.get({ ...repository });
  return { defaultBranch: data.default_branch, htmlUrl: data.html_url };
}

/** One call gives both the commit to build on and its tree, which `base_tree` needs. */
export async function readBranchHead(
  octokit: GitHubClient,
  repository: RepositoryRef,
  branch: string,
): Promise<BranchHead> {
  const { data } = await octokit.rest.repos.getBranch({ ...repository, branch });
  return { branch, sha: data.commit.sha, treeSha: data.commit.commit.tree.sha };
}

/**
 * A file's text at a ref, or null when it does not exist there. Throws FileTooLargeError, from the
 * size GitHub reports, before downloading a file over `maxBytes`.
 */
export async function readTextFile(
  octokit: GitHubClient,
  repository: RepositoryRef,
  path: string,
  ref?: string,
  maxBytes = MAX_TEXT_FILE_BYTES,
): Promise<TextFile | null> {
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ ...repository, path, ...(ref ? { ref } : {}) }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  if (Array.isArray(data) || typeof data !== "object" || data === null || (data as { type?: string }).type !== "file") {
    throw new NotAFileError(repository, path, ref ?? "HEAD");
  }
  const file = data as { sha: string; size?: number; content?: string; encoding?: string };
  if (typeof file.size === "number" && file.size > maxBytes) throw new FileTooLargeError(path, file.size, maxBytes);
  // Files over 1 MB come back without content; the blob endpoint serves them up to 100 MB.
  const text =
    file.encoding === "base64" && file.content !== undefined
      ? Buffer.from(file.content, "base64").toString("utf8")
      : await readBlobText(octokit, repository, file.sha);
  return { path, text, blobSha: file.sha };
}

async function readBlobText(octokit: GitHubClient, repository: RepositoryRef, sha: string): Promise<string> {
  const { data } = await octokit.rest.git.getBlob({ ...repository, file_sha: sha });
  return Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
}
