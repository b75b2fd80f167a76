// What a git checkout tells about a file in it: the commit that last changed it, its path from the root, the default branch, its origin.
import { execFile } from "node:child_process";
import { realpath } from "node:fs/promises";
import { basename, dirname, relative, sep } from "node:path";
import { promisify } from "node:util";
import { parseRepositoryName } from "../repository-name.js";

/** One git command's trimmed output, or null when git is missing or the folder is no checkout. */
async function git(cwd: string, args: readonly string[]): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)("git", [...args], { cwd });
    return stdout.trim();
  } catch {
    return null;
  }
}

/** The last commit that changed the file, or null outside a checkout. */
export async function lastCommitOf(file: string): Promise<string | null> {
  return git(dirname(file), ["log", "-1", "--format=%H", "--", basename(file)]);
}

export interface CheckoutPlace {
  /** The file's path from the repository root, `/`-separated (`kairos-init/.github/workflows/test.yml`). */
  readonly path: string | null;
  /** The branch `origin/HEAD` points at: what a clone calls the remote's default branch. */
  readonly defaultBranch: string | null;
}

/** Where the file sits in its checkout; both null outside one, the branch null when the clone has no `origin/HEAD`. */
export async function checkoutPlaceOf(file: string): Promise<CheckoutPlace> {
  const root = await git(dirname(file), ["rev-parse", "--show-toplevel"]);
  if (root === null || root === "") return { path: null, defaultBranch: null };
  const fromRoot = relative(await realpath(root), await realpath(file));
  const path = fromRoot.startsWith("..") ? null : fromRoot.split(sep).join("/");
  const head = await git(root, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
  const defaultBranch = head?.startsWith("origin/") ? head.slice("origin/".length) : null;
  return { path, defaultBranch: defaultBranch === "" ? null : defaultBranch };
}

/** The repository a clone came from, as its `origin` remote names it. */
export interface CheckoutOrigin {
  /** `github.com`, or a GitHub Enterprise Server's host (an SSH host alias stays as written). */
  readonly host: string;
  /** `owner/name`, without `.git`. */
  readonly repository: string;
}

/**
 * `https://github.com/o/r.git`, `ssh://git@github.com/o/r`, `git@github.com:o/r.git` (git's scp-like form)
 * → host and `o/r`; null for anything else (a local path, a remote that is no GitHub repository).
 */
export function parseRemoteUrl(url: string): CheckoutOrigin | null {
  const scpLike = /^(?:[^@/\s]+@)?([^/:\s]+):(?!\/)(.+)$/.exec(url);
  let host: string;
  let path: string;
  if (scpLike && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    [host, path] = [scpLike[1]!, scpLike[2]!];
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (!["https:", "http:", "ssh:", "git:"].includes(parsed.protocol) || parsed.hostname === "") return null;
    [host, path] = [parsed.hostname, decodeURIComponent(parsed.pathname)];
  }
  const ref = parseRepositoryName(path.replace(/^\/+/, "").replace(/\/+$/, "").replace(/\.git$/, ""));
  return ref === null ? null : { host: host.toLowerCase(), repository: `${ref.owner}/${ref.repo}` };
}

/** The `origin` of the checkout holding the file: null outside a checkout, without an origin, or for a non-GitHub URL. */
export async function checkoutOriginOf(file: string): Promise<CheckoutOrigin | null> {
  const url = await git(dirname(file), ["remote", "get-url", "origin"]);
  return url === null ? null : parseRemoteUrl(url);
}
