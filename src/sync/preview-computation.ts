// The whole pure part of a pull-request preview, from texts to check-run content: what the worker thread runs.
import type { CheckRunContent } from "../github/check-run.js";
import { pullRequestImpact, type PullRequestImpactInputs } from "./pull-request-impact.js";
import { previewReport, type PreviewContext } from "./preview-report.js";

/** Plain data only: it crosses to a worker thread by structured clone. */
export interface PreviewInput {
  readonly impact: PullRequestImpactInputs;
  readonly context: PreviewContext;
}

export function computePreview(input: PreviewInput): CheckRunContent {
  return previewReport(pullRequestImpact(input.impact), input.context);
}

/** What stopped a preview that ran out of its budget. */
export interface PreviewBudgetExceeded {
  readonly limit: "time" | "memory";
  /** e.g. "10 s of work", "96 MB of memory". */
  readonly description: string;
}

/** A neutral run: the pull request may be fine, the bot just would not spend more on it. */
export function tooLargeToPreview(exceeded: PreviewBudgetExceeded): CheckRunContent {
  return {
    conclusion: "neutral",
    title: "Too large to preview",
    summary:
      `support-matrix-bot stopped computing the docs preview of this pull request after ${exceeded.description}: ` +
      `its workflow is too large to preview. Nothing was changed. A pull request's workflow gets a bounded ` +
      `amount of work, because anyone can open one; see "Limits" in the support-matrix-bot README.`,
    text: "",
    annotations: [],
  };
}
