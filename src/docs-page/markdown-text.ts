// Turns arbitrary text into Markdown that stays inside one GFM table cell and never opens JSX, MDX or a comment.

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g;

// Entities for `<` and `>` (not backslashes) so the raw bytes never contain `<!--` or `-->` that would open or
// close the page's HTML comment markers; braces are backslash-escaped because MDX reads `{…}` as an expression.
const CELL_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "|": "\\|",
  "`": "\\`",
  "*": "\\*",
  _: "\\_",
  "[": "\\[",
  "]": "\\]",
  "{": "\\{",
  "}": "\\}",
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
};

/** Plain text for a table cell (or any inline position): one line, every Markdown/MDX metacharacter neutralised. */
export function tableCellText(text: string): string {
  return text.replace(LINE_BREAKS, " ").replace(/[\\|`*_[\]{}<>&]/g, (ch) => CELL_ESCAPES[ch] ?? ch);
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/**
 * A copyable code span valid inside a GFM table cell: pipes become `\|` (GFM strips that backslash even in code),
 * the fence is longer than any backtick run inside. Text a code span cannot carry safely (a backslash, which
 * would pair with the pipe escape, or comment delimiters) falls back to escaped plain text.
 */
export function codeSpan(text: string): string {
  const oneLine = text.replace(LINE_BREAKS, " ");
  if (oneLine.trim() === "" || /\\|<!--|-->/.test(oneLine)) return tableCellText(oneLine);
  const fence = "`".repeat(longestBacktickRun(oneLine) + 1);
  const padded = /^[` ]|[` ]$/.test(oneLine) ? ` ${oneLine} ` : oneLine;
  return `${fence}${padded.replace(/\|/g, "\\|")}${fence}`;
}

const URL_SAFE = /[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/;

function percentEncode(ch: string): string {
  const bytes = [...new TextEncoder().encode(ch)];
  return bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

function encodeUrl(url: string): string {
  return [...url].map((ch) => (URL_SAFE.test(ch) ? ch : percentEncode(ch))).join("");
}

function isLinkable(url: string): boolean {
  return /^https?:\/\//i.test(url) || /^\/(?!\/)/.test(url) || url.startsWith("#");
}

/**
 * `[text](url)` with the text escaped and the URL percent-encoded where Markdown, MDX or a table would read it
 * (parentheses, pipes, spaces, `<>{}`). Anything but http(s), a site path or an anchor is shown as text, not linked.
 */
export function markdownLink(text: string, url: string): string {
  const label = tableCellText(text);
  if (!isLinkable(url.trim())) return label;
  return `[${label}](${encodeUrl(url.trim())})`;
}
