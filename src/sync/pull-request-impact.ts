// What a source pull request would do once merged: coverage findings, tested-job changes and the page diff (pure).
import { pageDiff } from "../docs-page/page-diff.js";
import type { TemplateSource } from "../docs-page/template-source.js";
import { LocatedError } from "../located-error.js";
import { diffTestedImages } from "../support-matrix/matrix-diff.js";
import type { CoverageFinding } from "../workflow/coverage-lint.js";
import { lintSource, replacedReferences } from "./source-lint.js";
import { WorkflowError } from "../workflow/workflow-error.js";
import { desiredPage, testedImagesOf, type PageText } from "./desired-page.js";
import { expandSource, type ExpandedSource, type WorkflowSnapshot } from "./workflow-snapshot.js";

/** One configured source before and after the pull request. */
export interface SourceVersions {
  /** Null when the workflow does not exist at the base commit. */
  readonly base: WorkflowSnapshot | null;
  /** Null when the pull request deletes the workflow. */
  readonly head: WorkflowSnapshot | null;
  /** The pull request changes this workflow: only such workflows are linted. */
  readonly changed: boolean;
}

export interface PullRequestImpactInputs {
  readonly sources: readonly SourceVersions[];
  /** The docs page at the docs default branch head; null when it does not exist there. */
  readonly page: PageText | null;
  readonly template: TemplateSource;
  /** The web server the page's links point at. */
  readonly serverUrl: string;
}

export interface PreviewFinding {
  readonly finding: CoverageFinding;
  /** The pull request brings it: a lost job, or an include problem the base version did not have. */
  readonly introduced: boolean;
}

export type PagePreview =
  | { readonly kind: "diff"; readonly path: string; readonly diff: string }
  | { readonly kind: "unchanged"; readonly path: string }
  | { readonly kind: "unavailable"; readonly path: string; readonly problem: string };

export type PullRequestImpact =
  | {
      readonly kind: "preview";
      readonly findings: readonly PreviewFinding[];
      /** One sentence per tested image, platform or variant added or removed. */
      readonly changes: readonly string[];
      readonly page: PagePreview;
    }
  /** The head version cannot be expanded (or lists no image): the error GitHub or the bot would hit. */
  | { readonly kind: "unreadable"; readonly error: LocatedError }
  /** The pull request deletes a configured workflow. */
  | { readonly kind: "deleted"; readonly path: string };

export function pullRequestImpact(inputs: PullRequestImpactInputs): PullRequestImpact {
  const deleted = inputs.sources.find((s) => s.changed && s.head === null);
  if (deleted?.base) return { kind: "deleted", path: deleted.base.path };
  let head: ExpandedSource[];
  try {
    head = present(inputs.sources.map((s) => s.head)).map(expandSource);
  } catch (error) {
    if (error instanceof WorkflowError) return { kind: "unreadable", error };
    throw error;
  }
  const base = expandOrNull(present(inputs.sources.map((s) => s.base)));
  const page = pagePreview(inputs, base, head);
  if (page instanceof WorkflowError) return { kind: "unreadable", error: page };
  return {
    kind: "preview",
    findings: inputs.sources.flatMap((s) => (s.changed && s.head ? findingsOf(s.head, s.base) : [])),
    changes: diffTestedImages(base ? testedImagesOf(base) : [], testedImagesOf(head)).map((c) => c.sentence),
    page,
  };
}

function present<T>(items: readonly (T | null)[]): T[] {
  return items.filter((item): item is T => item !== null);
}

/** A base that does not expand is no reason to hide the head's preview: it just cannot be compared. */
function expandOrNull(snapshots: readonly WorkflowSnapshot[]): ExpandedSource[] | null {
  try {
    return snapshots.length === 0 ? null : snapshots.map(expandSource);
  } catch {
    return null;
  }
}

function findingsOf(head: WorkflowSnapshot, base: WorkflowSnapshot | null): PreviewFinding[] {
  const now = expandSource(head);
  const before = base ? expandOrNull([base])?.[0] : undefined;
  const findings = lintSource(now, before);
  // A bump (hadron:v0.5.0 → v0.5.1) rewords a finding the base already had; it is not new because of that.
  const bumps = before ? [...replacedReferences(before, now)] : [];
  const bumped = (text: string) => bumps.reduce((result, [old, current]) => result.replaceAll(old, current), text);
  const known = new Set(before ? lintSource(before).map((finding) => bumped(identity(finding))) : []);
  return findings.map((finding) => ({
    finding,
    introduced: finding.kind === "job-no-longer-tested" || !known.has(identity(finding)),
  }));
}

/** Lines move between versions, so a finding is recognised by what it says, with its locations blanked. */
function identity(finding: CoverageFinding): string {
  const file = finding.location.file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return `${finding.kind}|${finding.message.replace(new RegExp(`${file}:\\d+:\\d+`, "g"), file)}`;
}

function pagePreview(
  inputs: PullRequestImpactInputs,
  base: readonly ExpandedSource[] | null,
  head: readonly ExpandedSource[],
): PagePreview | WorkflowError {
  const { page, template, serverUrl } = inputs;
  const path = page?.file ?? "";
  if (!page) return { kind: "unavailable", path, problem: "the page does not exist on the docs default branch" };
  let after: string;
  try {
    after = desiredPage({ page, serverUrl, testedMatrix: { sources: head.map((e) => e.snapshot), template } }).text;
  } catch (error) {
    if (error instanceof WorkflowError) return error;
    if (error instanceof LocatedError) return { kind: "unavailable", path, problem: error.message };
    throw error;
  }
  const before = pageBefore(page, base, template, serverUrl);
  if (before === after) return { kind: "unchanged", path };
  return { kind: "diff", path, diff: pageDiff(path, before, after) };
}

/** The page as the base version would make it; the page itself when the base cannot make one. */
function pageBefore(page: PageText, base: readonly ExpandedSource[] | null, template: TemplateSource, serverUrl: string): string {
  if (!base) return page.text;
  try {
    return desiredPage({ page, serverUrl, testedMatrix: { sources: base.map((e) => e.snapshot), template } }).text;
  } catch {
    return page.text;
  }
}
