// The bot's configuration at a docs commit: read once per commit, validated, and the last valid one remembered.
import type { Config, ConfigContext } from "../config/index.js";
import { CONFIG_PATH, configLoadError, parseConfig } from "../config/index.js";
import { readConfigFile, readConfigTexts } from "../github/config-file.js";
import type { GitHubClient } from "../github/github-client.js";
import type { RepositoryRef } from "../github/repository.js";
import type { LocatedError } from "../located-error.js";

export interface ConfigAtCommit {
  /** The configuration to act on: this commit's when valid, else the last valid one this process read. */
  readonly config: Config | null;
  /** What is wrong with this commit's file (empty when valid). */
  readonly problems: readonly LocatedError[];
  /** First time this process looks at this commit: the time to update or close the problems issue. */
  readonly fresh: boolean;
}

/** A handful of recent docs commits is all a reconcile ever asks about. */
const REMEMBERED_COMMITS = 16;

export class ConfigHistory {
  readonly #byCommit = new Map<string, { config: Config | null; problems: readonly LocatedError[] }>();
  #lastValid: Config | null = null;

  /** For deciding, without an API call, whether an event concerns a configured source or component. */
  get lastValid(): Config | null {
    return this.#lastValid;
  }

  /**
   * Reads a commit's configuration only to judge events by it: a valid one becomes `lastValid`, but the
   * commit stays unseen, so the next reconcile still reads it as fresh and reports its problems.
   */
  async learn(octokit: GitHubClient, docs: RepositoryRef, commitSha: string, context: ConfigContext = {}): Promise<void> {
    if (this.#byCommit.has(`${context.defaultBranch ?? ""}@${commitSha}`)) return;
    const read = await readValidated(octokit, docs, commitSha, context);
    if (read.config) this.#lastValid = read.config;
  }

  /** `context.defaultBranch`: the docs default branch, which the configured bot branches may not name. */
  async at(octokit: GitHubClient, docs: RepositoryRef, commitSha: string, context: ConfigContext = {}): Promise<ConfigAtCommit> {
    const key = `${context.defaultBranch ?? ""}@${commitSha}`;
    const known = this.#byCommit.get(key);
    if (known) return { config: known.config ?? this.#lastValid, problems: known.problems, fresh: false };
    const read = await readValidated(octokit, docs, commitSha, context);
    if (read.config) this.#lastValid = read.config;
    this.#byCommit.set(key, read);
    if (this.#byCommit.size > REMEMBERED_COMMITS) this.#byCommit.delete(this.#byCommit.keys().next().value as string);
    return { config: read.config ?? this.#lastValid, problems: read.problems, fresh: true };
  }
}

async function readValidated(
  octokit: GitHubClient,
  docs: RepositoryRef,
  commitSha: string,
  context: ConfigContext,
): Promise<{ config: Config | null; problems: readonly LocatedError[] }> {
  let read;
  try {
    read = await readConfigFile(octokit, docs, CONFIG_PATH, commitSha);
  } catch (error) {
    const problem = configLoadError(error, docs, CONFIG_PATH);
    if (!problem) throw error;
    return { config: null, problems: [problem] };
  }
  const quick = parseConfig(read.value, undefined, context);
  if (quick.ok) return { config: quick.config, problems: [] };
  // Only a broken file costs the extra reads that let every error point at its line.
  const origins = await readConfigTexts(octokit, read.files, docs, commitSha);
  const located = parseConfig(read.value, origins, context);
  return located.ok ? { config: located.config, problems: [] } : { config: null, problems: located.errors };
}
