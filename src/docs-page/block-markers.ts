// The HTML comments that fence a generated block, and finding exactly one well-formed pair of them in a page.
import { formatLocation } from "../located-error.js";
import type { PageLine } from "./page-lines.js";
import { SpliceError } from "./splice-error.js";

export const MARKER_PREFIX = "support-matrix-bot";

/** The begin marker carries a note for humans; only `support-matrix-bot:<name>:begin` is needed to find it. */
export function beginMarker(name: string): string {
  return `<!-- ${MARKER_PREFIX}:${name}:begin (generated: edits between these markers are overwritten) -->`;
}

export function endMarker(name: string): string {
  return `<!-- ${MARKER_PREFIX}:${name}:end -->`;
}

interface MarkerHit {
  readonly line: PageLine;
  readonly col: number;
  readonly edge: "begin" | "end";
  readonly alone: boolean;
}

export interface MarkerPair {
  readonly begin: PageLine;
  readonly end: PageLine;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function hitsOf(lines: readonly PageLine[], name: string): MarkerHit[] {
  const anywhere = new RegExp(`<!--\\s*${escapeRegExp(MARKER_PREFIX)}:${escapeRegExp(name)}:(begin|end)(?![\\w-])`, "g");
  const alone = new RegExp(`^\\s*<!--\\s*${escapeRegExp(MARKER_PREFIX)}:${escapeRegExp(name)}:(begin|end)(?![\\w-]).*-->\\s*$`);
  return lines
    .filter((line) => !line.literal)
    .flatMap((line) =>
      [...line.text.matchAll(anywhere)].map((match) => ({
        line,
        col: (match.index ?? 0) + 1,
        edge: match[1] as "begin" | "end",
        alone: alone.test(line.text),
      })),
    );
}

function brokenAt(file: string, hit: MarkerHit, detail: string): SpliceError {
  return new SpliceError({ file, line: hit.line.number, col: hit.col }, "broken-markers", detail);
}

function where(file: string, hit: MarkerHit): string {
  return formatLocation({ file, line: hit.line.number, col: hit.col });
}

/** `null` when the page has no marker for this block; a SpliceError for anything but one begin line then one end line. */
export function findMarkerPair(lines: readonly PageLine[], name: string, file: string): MarkerPair | null {
  const hits = hitsOf(lines, name);
  if (hits.length === 0) return null;
  const strayHit = hits.find((hit) => !hit.alone || hits.filter((h) => h.line === hit.line).length > 1);
  if (strayHit) {
    throw brokenAt(file, strayHit, `the ${strayHit.edge} marker of "${name}" must be alone on its line`);
  }
  const begins = hits.filter((hit) => hit.edge === "begin");
  const ends = hits.filter((hit) => hit.edge === "end");
  const [begin, secondBegin] = begins;
  const [end, secondEnd] = ends;
  if (secondBegin && begin) {
    throw brokenAt(file, secondBegin, `a second begin marker of "${name}" (the first is at ${where(file, begin)})`);
  }
  if (secondEnd && end) throw brokenAt(file, secondEnd, `a second end marker of "${name}" (the first is at ${where(file, end)})`);
  if (begin && !end) throw brokenAt(file, begin, `the begin marker of "${name}" has no end marker: add ${endMarker(name)}`);
  if (end && !begin) throw brokenAt(file, end, `the end marker of "${name}" has no begin marker before it`);
  if (begin && end && end.line.number < begin.line.number) {
    throw brokenAt(file, end, `the end marker of "${name}" comes before its begin marker (at ${where(file, begin)})`);
  }
  return begin && end ? { begin: begin.line, end: end.line } : null;
}
