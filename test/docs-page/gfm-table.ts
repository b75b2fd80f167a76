// A minimal GFM table reader for tests: rows split on unescaped pipes, the way GitHub and micromark split them.

/** Cells of one row; a backslash escapes the next character (so `\|` stays inside the cell). */
export function tableCells(row: string): string[] {
  const trimmed = row.trim().replace(/^\|/, "");
  const cells: string[] = [];
  let current = "";
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i] as string;
    if (ch === "\\" && i + 1 < trimmed.length) {
      current += ch + (trimmed[i + 1] as string);
      i++;
    } else if (ch === "|") {
      cells.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  if (current.trim() !== "") cells.push(current);
  return cells.map((cell) => cell.trim());
}

/** The first table in `markdown`: consecutive lines from a header row and its delimiter row to a blank line. */
export function firstTable(markdown: string): string[][] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line, i) => line.includes("|") && /^\s*\|?\s*:?-+/.test(lines[i + 1] ?? ""));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && line.trim() === "");
  return lines.slice(start, end < 0 ? undefined : end).map(tableCells);
}

/** What a code span shows, decoded as GFM does inside a table cell; `null` when `markdown` is not one code span. */
export function codeSpanContent(markdown: string): string | null {
  const fence = /^`+/.exec(markdown)?.[0];
  if (!fence || !markdown.endsWith(fence) || markdown.length < fence.length * 2) return null;
  let inner = markdown.slice(fence.length, markdown.length - fence.length);
  if (new RegExp(`(^|[^\`])${fence}([^\`]|$)`).test(inner)) return null;
  if (inner.startsWith(" ") && inner.endsWith(" ") && inner.trim() !== "") inner = inner.slice(1, -1);
  return inner.replace(/\\\|/g, "|");
}
