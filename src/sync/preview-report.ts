// The preview check run's conclusion, title, summary, text and annotations, fitted to GitHub's limits (pure).
import { codeSpan, markdownLink, markdownText } from "../docs-page/markdown-text.js";
import type { CheckConclusion, CheckRunContent } from "../github/check-run.js";
import { formatLocation } from "../located-error.js";
import type { CoverageFindingKind } from "../workflow/coverage-lint.js";
import type { PagePreview, PreviewFinding, PullRequestImpact } from "./pull-request-impact.js";

export const PREVIEW_CHECK_NAME = "support-matrix-bot / docs preview";

/** GitHub's cap on a check run's summary and on its text (characters; counted here in bytes, which is stricter). */
export const CHECK_OUTPUT_LIMIT = 65_535;
/** Far past what a reviewer reads; each 50 more cost one more request. */
export const MAX_ANNOTATIONS = 250;
const ANNOTATION_TITLE_LIMIT = 255;
/** GitHub caps an annotation's message at 64 KB. */
const ANNOTATION_MESSAGE_LIMIT = 60_000;

export interface PreviewContext {
  /** The docs repository `owner/name`, and the page there. */
  readonly docsRepository: string;
  readonly pageUrl: string;
  /** The pull request's base branch, e.g. "main". */
  readonly baseRef: string;
  readonly conclusionOnCoverageLoss: "neutral" | "failure";
}

const findingTitles: Record<CoverageFindingKind, string> = {
  "include-replaces-job": "Coverage: an include entry replaces a tested job",
  "include-overwrites-include": "Coverage: an include entry overwrites another include's value",
  "include-repeats-job": "Coverage: an include entry repeats a job",
  "job-no-longer-tested": "Coverage: a job is no longer tested",
  "key-without-role": "Table: a key has no role",
};

export function previewReport(impact: PullRequestImpact, context: PreviewContext): CheckRunContent {
  switch (impact.kind) {
    case "unreadable":
      return {
        conclusion: "failure",
        title: "The workflow cannot be read",
        summary: fit(
          `support-matrix-bot cannot expand this workflow's matrix, so it cannot say what would be tested:\n\n` +
            `${fence(impact.error.message, "")}\n` +
            `After merge, the docs page ${link(context)} would keep its table and the commit would be marked failed.`,
        ),
        text: "",
        annotations: [
          {
            path: impact.error.location.file,
            start_line: impact.error.location.line,
            end_line: impact.error.location.line,
            annotation_level: "failure",
            title: "support-matrix-bot: the workflow cannot be read",
            message: clip(impact.error.detail, ANNOTATION_MESSAGE_LIMIT),
          },
        ],
      };
    case "deleted":
      return {
        conclusion: "failure",
        title: `This pull request deletes ${impact.path}`,
        summary: fit(
          `${codeSpan(impact.path)} is what the docs page ${link(context)} is generated from. After merge, the bot could no longer ` +
            `read it: the page would keep its current table and the docs maintainers would be told the source is unavailable.`,
        ),
        text: "",
        annotations: [],
      };
    case "preview":
      return previewContent(impact, context);
  }
}

function previewContent(impact: Extract<PullRequestImpact, { kind: "preview" }>, context: PreviewContext): CheckRunContent {
  const introduced = impact.findings.filter((f) => f.introduced);
  const conclusion: CheckConclusion = introduced.length > 0 && context.conclusionOnCoverageLoss === "failure" ? "failure" : "neutral";
  const annotations = impact.findings.slice(0, MAX_ANNOTATIONS).map(({ finding, introduced: isNew }) => ({
    path: finding.location.file,
    start_line: finding.location.line,
    end_line: finding.location.line,
    annotation_level: "warning" as const,
    title: clip(`${findingTitles[finding.kind]}${isNew ? " (new in this pull request)" : ""}`, ANNOTATION_TITLE_LIMIT),
    message: clip(finding.message, ANNOTATION_MESSAGE_LIMIT),
  }));
  const summary = [
    `If this pull request is merged, support-matrix-bot will propose the change below to ${link(context)}.`,
    changesSection(impact.changes),
    findingsSection(impact.findings, context, annotations.length),
    verdict(introduced.length, conclusion, context),
  ];
  return {
    conclusion,
    title: title(impact.changes.length, impact.findings.length, introduced.length),
    summary: fit(summary.filter((part) => part !== "").join("\n\n")),
    text: pageSection(impact.page, context),
    annotations,
  };
}

function title(changes: number, findings: number, introduced: number): string {
  const parts = [
    changes === 0 ? "no tested-job change" : plural(changes, "tested-job change"),
    findings === 0 ? "no coverage warning" : `${plural(findings, "coverage warning")}${introduced > 0 ? ` (${introduced} new)` : ""}`,
  ];
  return parts.join("; ").replace(/^./, (c) => c.toUpperCase());
}

function changesSection(changes: readonly string[]): string {
  // Sentences are made of a fork's matrix values: text, never Markdown (GitHub renders check run summaries).
  const lines = changes.length === 0 ? ["No tested image, platform or variant is added or removed."] : changes.map((c) => `- ${markdownText(c)}`);
  return ["### Tested jobs", "", ...lines].join("\n");
}

function findingsSection(findings: readonly PreviewFinding[], context: PreviewContext, annotated: number): string {
  if (findings.length === 0) return "### Coverage\n\nThe coverage lint finds nothing: no job stops being tested, and no include entry replaces one.";
  const lines = findings.map(({ finding, introduced }) =>
    `- ${introduced ? "**new** " : ""}${codeSpan(formatLocation(finding.location))}: ${markdownText(finding.message)}${introduced ? "" : ` (already on ${markdownText(context.baseRef)})`}`,
  );
  const more = findings.length > annotated ? ` The first ${annotated} are annotations on the workflow.` : " Each one is an annotation on the workflow.";
  return [
    "### Coverage warnings",
    "",
    `Jobs that would no longer be tested. GitHub merges an include entry into an existing job whenever it names all of that job's original values, so a job the entry meant to add replaces the one that was there.${more}`,
    "",
    ...lines,
  ].join("\n");
}

function verdict(introduced: number, conclusion: CheckConclusion, context: PreviewContext): string {
  if (introduced === 0) return "";
  const what = `This pull request loses coverage (${plural(introduced, "new finding")}).`;
  return conclusion === "failure"
    ? `> ${what} The docs configuration sets \`preview.conclusion_on_coverage_loss: failure\`, so this check fails.`
    : `> ${what} The check stays neutral: \`preview.conclusion_on_coverage_loss: failure\` in ${markdownText(context.docsRepository)}'s \`.github/support-matrix-bot.yml\` would make it fail.`;
}

function pageSection(page: PagePreview, context: PreviewContext): string {
  const heading = `### ${markdownText(page.path || "The docs page")} in ${markdownText(context.docsRepository)}`;
  switch (page.kind) {
    case "unchanged":
      return `${heading}\n\nThe page would not change.`;
    case "unavailable":
      return `${heading}\n\nThe page cannot be previewed: ${markdownText(page.problem)}`;
    case "diff": {
      const intro = `${heading}\n\nLinks to the workflow point at this pull request's head commit; after merge they point at the commit on ${markdownText(context.baseRef)}.\n\n`;
      return intro + fitFenced(page.diff, "diff", CHECK_OUTPUT_LIMIT - bytes(intro));
    }
  }
}

/** A fence longer than any backtick run inside, so a page's own code blocks cannot close it. */
function fence(content: string, info: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(Math.max(3, longest + 1));
  return `${ticks}${info}\n${content.endsWith("\n") ? content : `${content}\n`}${ticks}`;
}

/** The fenced block whole if it fits, else cut at a line boundary, closed, and followed by a note. */
function fitFenced(content: string, info: string, budget: number): string {
  const whole = fence(content, info);
  if (bytes(whole) <= budget) return whole;
  const lines = content.split("\n");
  const note = (shown: number) => `\n\n… ${lines.length - shown} more lines not shown: GitHub limits a check run's text to ${CHECK_OUTPUT_LIMIT.toLocaleString("en-US")} characters.`;
  let low = 0;
  let high = lines.length;
  // Binary search for the most lines whose block and note fit.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (bytes(fence(lines.slice(0, mid).join("\n"), info) + note(mid)) <= budget) low = mid;
    else high = mid - 1;
  }
  return fence(lines.slice(0, low).join("\n"), info) + note(low);
}

function fit(text: string): string {
  if (bytes(text) <= CHECK_OUTPUT_LIMIT) return text;
  const note = `\n\n… cut here: GitHub limits a check run's summary to ${CHECK_OUTPUT_LIMIT.toLocaleString("en-US")} characters.`;
  return `${clip(text, CHECK_OUTPUT_LIMIT - bytes(note))}${note}`;
}

/** At most `limit` bytes, never splitting a character. */
function clip(text: string, limit: number): string {
  if (bytes(text) <= limit) return text;
  let cut = Buffer.from(text, "utf8").subarray(0, limit - 3).toString("utf8");
  if (cut.endsWith("\uFFFD")) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function link(context: PreviewContext): string {
  return markdownLink(`${context.docsRepository}'s image matrix`, context.pageUrl);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
