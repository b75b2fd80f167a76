// A Markdown page as lines with byte offsets, knowing which lines are front matter or inside fenced code.

export interface PageLine {
  /** 1-based. */
  readonly number: number;
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just past the text, before the line break. */
  readonly end: number;
  /** Offset of the next line (past `\n` or `\r\n`); equals `end` on a last line without a break. */
  readonly next: number;
  /** The text without its line break. */
  readonly text: string;
  /** Front matter or fenced code (fence lines included): nothing here is a heading or a marker. */
  readonly literal: boolean;
}

function splitLines(page: string): Omit<PageLine, "literal">[] {
  const lines: Omit<PageLine, "literal">[] = [];
  let start = 0;
  while (start < page.length) {
    const newline = page.indexOf("\n", start);
    const next = newline < 0 ? page.length : newline + 1;
    const end = newline < 0 ? page.length : newline > start && page[newline - 1] === "\r" ? newline - 1 : newline;
    lines.push({ number: lines.length + 1, start, end, next, text: page.slice(start, end) });
    start = next;
  }
  return lines;
}

// Front matter only counts when it is closed; an unclosed `---` is a thematic break, as Docusaurus reads it.
function frontMatterLength(lines: readonly { text: string }[]): number {
  const opener = lines[0]?.text.trimEnd();
  if (opener !== "---" && opener !== "+++") return 0;
  const close = lines.findIndex((line, i) => i > 0 && line.text.trimEnd() === opener);
  return close < 0 ? 0 : close + 1;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

interface OpenFence {
  readonly char: string;
  readonly length: number;
}

function fenceOpening(text: string): OpenFence | null {
  const match = FENCE.exec(text);
  if (!match) return null;
  const fence = match[1] as string;
  if (fence.startsWith("`") && (match[2] ?? "").includes("`")) return null;
  return { char: fence[0] as string, length: fence.length };
}

function closesFence(text: string, open: OpenFence): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(text);
  const fence = match?.[1];
  return fence !== undefined && fence[0] === open.char && fence.length >= open.length;
}

export function pageLines(page: string): PageLine[] {
  const raw = splitLines(page);
  const frontMatter = frontMatterLength(raw);
  let open: OpenFence | null = null;
  return raw.map((line, index) => {
    if (index < frontMatter) return { ...line, literal: true };
    if (open) {
      if (closesFence(line.text, open)) open = null;
      return { ...line, literal: true };
    }
    open = fenceOpening(line.text);
    return { ...line, literal: open !== null };
  });
}

/** The page's own line break, so inserted lines match it (CRLF pages stay CRLF). */
export function lineBreakOf(page: string): "\n" | "\r\n" {
  const newline = page.indexOf("\n");
  return newline > 0 && page[newline - 1] === "\r" ? "\r\n" : "\n";
}

export interface Heading {
  readonly line: PageLine;
  readonly level: number;
  /** Without closing `#`s or a Docusaurus `{#id}`. */
  readonly title: string;
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;

export function headingOf(line: PageLine): Heading | null {
  if (line.literal) return null;
  const match = ATX_HEADING.exec(line.text);
  if (!match) return null;
  const title = (match[2] ?? "")
    .replace(/[ \t]*\{#[^}]*\}$/, "")
    .replace(/[ \t]+#+$/, "")
    .replace(/^#+$/, "")
    .trim();
  return { line, level: (match[1] as string).length, title };
}
