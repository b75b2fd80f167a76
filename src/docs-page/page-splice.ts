// Puts a generated block into the docs page between its markers, touching no byte outside the block.
import { beginMarker, endMarker, findMarkerPair, MARKER_PREFIX, type MarkerPair } from "./block-markers.js";
import { headingOf, lineBreakOf, pageLines, type Heading, type PageLine } from "./page-lines.js";
import { SpliceError } from "./splice-error.js";

/** Where a block lives, and where it goes the first time, before the page has markers. */
export interface BlockPlacement {
  /** Names the markers: `<!-- support-matrix-bot:<name>:begin … -->`. */
  readonly name: string;
  /** The `## ` heading whose section receives the block when there are no markers yet. */
  readonly heading: string;
  /** Replace the section's whole body, or only its first table (keeping the prose around it). */
  readonly firstTime: "section-body" | "first-table";
}

export const TESTED_MATRIX_BLOCK: BlockPlacement = {
  name: "tested-matrix",
  heading: "Tested distribution matrix",
  firstTime: "section-body",
};

export const RELEASE_CHANGELOG_BLOCK: BlockPlacement = {
  name: "release-changelog",
  heading: "Release changelog",
  firstTime: "first-table",
};

/**
 * The form a block is stored and compared in: LF line breaks, no leading or trailing blank lines.
 * What readBlock() returns equals canonicalBlock() of what was spliced.
 */
export function canonicalBlock(content: string): string {
  const lines = content.replace(/\r\n?/g, "\n").split("\n");
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first < 0) return "";
  const last = lines.findLastIndex((line) => line.trim() !== "");
  return lines.slice(first, last + 1).join("\n");
}

// Blank lines around the content so no Markdown parser reads the end marker as one more table row.
function blockInner(content: string, eol: string): string {
  const body = canonicalBlock(content);
  return body === "" ? eol : eol + body.split("\n").join(eol) + eol + eol;
}

function markedBlock(name: string, content: string, eol: string): string {
  return `${beginMarker(name)}${eol}${blockInner(content, eol)}${endMarker(name)}`;
}

function betweenMarkers(page: string, pair: MarkerPair, content: string): string {
  return page.slice(0, pair.begin.next) + blockInner(content, lineBreakOf(page)) + page.slice(pair.end.start);
}

function sectionHeading(lines: readonly PageLine[], placement: BlockPlacement, file: string): Heading | null {
  const wanted = placement.heading.toLowerCase();
  const matches = lines
    .map(headingOf)
    .filter((h): h is Heading => h !== null && h.level === 2 && h.title.toLowerCase() === wanted);
  const [first, second] = matches;
  if (first && second) {
    throw new SpliceError(
      { file, line: second.line.number, col: 1 },
      "duplicate-heading",
      `a second "## ${placement.heading}" heading (the first is on line ${first.line.number}): add the ` +
        `${placement.name} markers under the one that should hold the generated block`,
    );
  }
  return first ?? null;
}

/** The index of the first line after the section: the next `#` or `##` heading, or the line count. */
function sectionEnd(lines: readonly PageLine[], heading: Heading): number {
  const index = lines.indexOf(heading.line);
  const next = lines.findIndex((line, i) => i > index && (headingOf(line)?.level ?? 99) <= 2);
  return next < 0 ? lines.length : next;
}

function replaceSectionBody(page: string, lines: readonly PageLine[], heading: Heading, block: string): string {
  const eol = lineBreakOf(page);
  const endIndex = sectionEnd(lines, heading);
  const nextHeading = lines[endIndex];
  const headingBreak = heading.line.next > heading.line.end ? "" : eol;
  const from = heading.line.next;
  const to = nextHeading ? nextHeading.start : page.length;
  const tail = nextHeading ? eol + eol : /\r?\n$/.test(page) ? eol : "";
  return page.slice(0, from) + headingBreak + eol + block + tail + page.slice(to);
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function firstTable(lines: readonly PageLine[], from: number, to: number): [number, number] | null {
  for (let i = from; i < to - 1; i++) {
    const header = lines[i] as PageLine;
    const delimiter = lines[i + 1] as PageLine;
    if (header.literal || !header.text.includes("|") || !DELIMITER_ROW.test(delimiter.text)) continue;
    let last = i + 1;
    while (last + 1 < to && !(lines[last + 1] as PageLine).literal && (lines[last + 1] as PageLine).text.trim() !== "") {
      last++;
    }
    return [i, last];
  }
  return null;
}

function replaceFirstTable(
  page: string,
  lines: readonly PageLine[],
  heading: Heading,
  block: string,
  placement: BlockPlacement,
  file: string,
): string {
  const table = firstTable(lines, lines.indexOf(heading.line) + 1, sectionEnd(lines, heading));
  if (!table) {
    throw new SpliceError(
      { file, line: heading.line.number, col: 1 },
      "no-table",
      `no table under "## ${placement.heading}" to replace: add the ${placement.name} markers where the block belongs`,
    );
  }
  const first = lines[table[0]] as PageLine;
  const last = lines[table[1]] as PageLine;
  return page.slice(0, first.start) + block + page.slice(last.end);
}

function noAnchor(placement: BlockPlacement, file: string): SpliceError {
  return new SpliceError(
    { file, line: 1, col: 1 },
    "no-anchor",
    `no "## ${placement.heading}" heading and no ${placement.name} markers: add the heading, or the lines ` +
      `${beginMarker(placement.name)} and ${endMarker(placement.name)} where the block belongs`,
  );
}

// A block that carries its own marker (a template override gone wrong) would break the page on the next run.
function refuseNestedMarkers(placement: BlockPlacement, content: string, file: string): void {
  const marker = `${MARKER_PREFIX}:${placement.name}:`;
  const index = content.indexOf(marker);
  if (index < 0) return;
  throw new SpliceError(
    { file, line: 1, col: 1 },
    "broken-markers",
    `the generated ${placement.name} block itself contains "${marker}" (line ${content.slice(0, index).split("\n").length} ` +
      "of the rendered block): splicing it would leave the page with broken markers; check the template",
  );
}

/**
 * Markers present: replaces what is between them. Absent: puts markers + block in place of the section body or
 * its first table. Idempotent, and every byte outside the block (front matter, line breaks, tabs, the final
 * newline or its absence) is kept.
 */
export function spliceBlock(page: string, placement: BlockPlacement, content: string, file: string): string {
  refuseNestedMarkers(placement, content, file);
  const lines = pageLines(page);
  const pair = findMarkerPair(lines, placement.name, file);
  if (pair) return betweenMarkers(page, pair, content);
  const heading = sectionHeading(lines, placement, file);
  if (!heading) throw noAnchor(placement, file);
  const block = markedBlock(placement.name, content, lineBreakOf(page));
  return placement.firstTime === "section-body"
    ? replaceSectionBody(page, lines, heading, block)
    : replaceFirstTable(page, lines, heading, block, placement, file);
}

/** What the block holds now, in canonical form; `null` when the page has no markers for it yet. */
export function readBlock(page: string, placement: Pick<BlockPlacement, "name">, file: string): string | null {
  const pair = findMarkerPair(pageLines(page), placement.name, file);
  return pair ? canonicalBlock(page.slice(pair.begin.next, pair.end.start)) : null;
}
