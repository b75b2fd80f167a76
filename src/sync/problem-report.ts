// Keeps one sticky issue on the docs repository listing what the bot cannot use there; closes it once all is fixed.
import { CONFIGURATION_REFERENCE_URL, renderConfigErrorReport } from "../config/index.js";
import type { GitHubClient } from "../github/github-client.js";
import type { RepositoryRef } from "../github/repository.js";
import { closeStickyIssue, findStickyIssue, openStickyIssue, updateStickyIssue } from "../github/reports.js";
import type { Logger } from "probot";
import type { BotIdentity } from "../github/github-access.js";
import type { LocatedError } from "../located-error.js";

export const PROBLEMS_MARKER = "<!-- support-matrix-bot:problems -->";
export const PROBLEMS_TITLE = "support-matrix-bot cannot use its configuration";

export type ProblemReportOutcome = "none" | "opened" | "updated" | "unchanged" | "closed";

/** Edits only when the text changes, so a reconcile that finds the same problems writes nothing. */
export async function reportDocsProblems(
  octokit: GitHubClient,
  docs: RepositoryRef,
  problems: readonly LocatedError[],
  context: { readonly headSha: string; readonly creator: string | undefined; readonly referenceUrl?: string },
): Promise<ProblemReportOutcome> {
  const existing = await findStickyIssue(octokit, docs, PROBLEMS_MARKER, context.creator);
  if (problems.length === 0) {
    if (!existing) return "none";
    await closeStickyIssue(
      octokit,
      docs,
      existing.number,
      `Fixed as of ${context.headSha.slice(0, 7)}: support-matrix-bot can read everything it needs again.`,
    );
    return "closed";
  }
  const body = `${PROBLEMS_MARKER}\n${renderConfigErrorReport(problems, { referenceUrl: context.referenceUrl ?? CONFIGURATION_REFERENCE_URL })}`;
  if (!existing) {
    await openStickyIssue(octokit, docs, { title: PROBLEMS_TITLE, body });
    return "opened";
  }
  if (existing.body === body) return "unchanged";
  await updateStickyIssue(octokit, docs, existing.number, body);
  return "updated";
}

/** Where the problems were met: in the docs repository's own files, or by one kind of reconcile only. */
export type ProblemScope = "docs" | "matrix" | "releases";

/**
 * What this process knows to be wrong, by scope, and the one issue that lists it all. Both kinds of
 * reconcile may report at once: reports run one at a time, so the second finds the issue the first
 * opened, and one kind's clean run does not close what the other still has wrong.
 */
export class ProblemReport {
  readonly #byScope = new Map<ProblemScope, readonly LocatedError[]>();
  #reporting: Promise<unknown> = Promise.resolve();
  /** The issue was left open: a clean run closes it even without a new docs commit. */
  #open = false;

  constructor(
    private readonly docs: RepositoryRef,
    private readonly log: Logger,
    private readonly referenceUrl?: string,
  ) {}

  get open(): boolean {
    return this.#open;
  }

  has(scope: ProblemScope): boolean {
    return (this.#byScope.get(scope)?.length ?? 0) > 0;
  }

  /** Records what `scope` found wrong now (empty: fixed) and brings the issue in line with everything known. */
  async record(
    scope: ProblemScope,
    problems: readonly LocatedError[],
    github: { readonly octokit: GitHubClient; readonly headSha: string; readonly identity: () => Promise<BotIdentity> },
  ): Promise<void> {
    this.#byScope.set(scope, problems);
    const run = this.#reporting.then(() => this.#publish(github));
    this.#reporting = run.catch(() => undefined);
    await run;
  }

  async #publish(github: { readonly octokit: GitHubClient; readonly headSha: string; readonly identity: () => Promise<BotIdentity> }): Promise<void> {
    const known = [...this.#byScope.values()].flat();
    const problems = known.filter((p, i) => known.findIndex((q) => q.message === p.message) === i);
    const identity = await github.identity().catch(() => null);
    const outcome = await reportDocsProblems(github.octokit, this.docs, problems, {
      headSha: github.headSha,
      creator: identity?.login,
      ...(this.referenceUrl ? { referenceUrl: this.referenceUrl } : {}),
    });
    this.#open = problems.length > 0;
    if (outcome !== "none" && outcome !== "unchanged") this.log.info({ outcome }, "problems issue on the docs repository");
  }
}
