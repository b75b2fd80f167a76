// Keeps one sticky issue on the docs repository listing what the bot cannot use there; closes it once all is fixed.
import { CONFIGURATION_REFERENCE_URL, renderConfigErrorReport } from "../config/index.js";
import type { GitHubClient } from "../github/github-client.js";
import type { RepositoryRef } from "../github/repository.js";
import { closeStickyIssue, findStickyIssue, openStickyIssue, updateStickyIssue } from "../github/reports.js";
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
