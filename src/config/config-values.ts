// The rules for the strings a maintainer writes in the config: repositories, branch names, paths, logins.
import { LOGIN_PATTERN } from "../repository-name.js";
import { parseJobNamePattern } from "../workflow/job-name-pattern.js";

const LOGIN = new RegExp(LOGIN_PATTERN);

/** Why `login` cannot be a GitHub user login, or null when it can. */
export function loginProblem(login: string): string | null {
  if (login.startsWith("@")) return `write the login without "@" ("${login.slice(1)}")`;
  return LOGIN.test(login) ? null : "expected a GitHub login (letters, digits and single hyphens)";
}

/** Why `slug` cannot be a team slug as the reviewers API wants it, or null when it can. */
export function teamSlugProblem(slug: string): string | null {
  if (slug.includes("/")) {
    return `write the team slug without the organization ("${slug.slice(slug.lastIndexOf("/") + 1)}")`;
  }
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(slug) ? null : "expected a team slug such as \"docs-maintainers\"";
}

/** The characters `git check-ref-format` refuses anywhere in a ref. */
const FORBIDDEN_REF_CHARACTERS = ["~", "^", ":", "?", "*", "[", "\\"];

/**
 * Why `name` cannot be a branch, or null when it can.
 * These are git's check-ref-format rules: GitHub rejects the same names, but only at write time,
 * and a config error is cheaper to read than a failed ref update.
 */
export function branchNameProblem(name: string): string | null {
  if (name === "") return "must not be empty";
  if (name.startsWith("refs/")) return `write the branch name without "refs/heads/"`;
  if (name.startsWith("-")) return `must not start with "-"`;
  // Control characters and DEL: the point of this check is to find them.
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(name)) return "must not contain spaces or control characters";
  if (name.includes("..")) return `must not contain ".."`;
  const forbidden = FORBIDDEN_REF_CHARACTERS.find((c) => name.includes(c));
  if (forbidden !== undefined) return `must not contain "${forbidden}"`;
  if (name.includes("@{") || name === "@") return `must not contain "@{" or be "@"`;
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//")) {
    return `must not start or end with "/" or contain "//"`;
  }
  if (name.endsWith(".")) return `must not end with "."`;
  const parts = name.split("/");
  if (parts.some((part) => part.startsWith("."))) return `no part between "/" may start with "."`;
  if (parts.some((part) => part.endsWith(".lock"))) return `no part between "/" may end with ".lock"`;
  return null;
}

/** Why `path` cannot name a file inside a repository, or null when it can. */
export function repositoryPathProblem(path: string): string | null {
  if (path === "") return "must not be empty";
  if (path.startsWith("/")) return "must be relative to the repository root (no leading \"/\")";
  if (path.includes("\\")) return `must use "/" between folders, not "\\"`;
  const parts = path.split("/");
  if (parts.includes("..")) return `must not contain ".." (it must stay inside the repository)`;
  if (parts.includes(".") || parts.includes("")) return `must not contain "." or empty parts ("//" or a trailing "/")`;
  return null;
}

/** Why `path` cannot be a workflow file, or null when it can. */
export function workflowPathProblem(path: string): string | null {
  const problem = repositoryPathProblem(path);
  if (problem !== null) return problem;
  return /\.ya?ml$/.test(path) ? null : `must be a ".yml" or ".yaml" file`;
}

/** GitHub's rule for job ids (`jobs.<job_id>`). */
/** A pattern for reported job names must say where at least one value stands. */
export function jobNamePatternProblem(pattern: string): string | null {
  return parseJobNamePattern(pattern) === null ? "it has no {key} where a value stands, e.g. \"build ({arch}, {variant})\"" : null;
}

export function jobIdProblem(id: string): string | null {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(id)
    ? null
    : "expected a job id (a letter or \"_\", then letters, digits, \"-\" or \"_\")";
}
