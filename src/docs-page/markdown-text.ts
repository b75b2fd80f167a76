// Turns arbitrary text into inline Markdown that GitHub and Docusaurus (MDX) both show literally, on one line.
//
// One module for every place the bot writes Markdown: the docs page (GFM tables compiled as MDX by Docusaurus,
// after kairos-docs' pre-loader) and what GitHub renders (check runs, pull request bodies, issues, comments).

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g;

// Entities for `<` and `>` (not backslashes) so the raw bytes never contain `<!--` or `-->` that would open or
// close the page's HTML comment markers; braces are backslash-escaped because MDX reads `{…}` as an expression.
// A backtick becomes an entity, never `\``: kairos-docs' pre-loader finds inline code by splitting each line on
// backticks, so one stray backtick in a cell would make it rewrite (and break) the code spans after it.
const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "|": "\\|",
  "`": "&#96;",
  "*": "\\*",
  _: "\\_",
  "~": "\\~",
  "[": "\\[",
  "]": "\\]",
  "{": "\\{",
  "}": "\\}",
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
};

// Text that is read after parsing, on the text itself, so no escape can stop it: GFM autolinks (`www.`, `://`,
// `a@b.c`), emoji shortcodes (`:rocket:`, remark-emoji in Docusaurus, GitHub's emoji filter) and GitHub
// @mentions. An empty element between two characters splits the text there, so the pattern never matches,
// and it renders as nothing on both sides (JSX for MDX, an allowed tag for GitHub's sanitizer).
const SPLIT = "<span></span>";
const SPLIT_BEFORE: readonly RegExp[] = [
  /(?<=www)\./gi, // www.example.com
  /:(?=\/\/)/g, // https://…
  /(?<=@)[\w-]/g, // a@b.c, @someone
  /(?<=:)(?:[\w+-]*[A-Za-z][\w+-]*|100|1234|[+-]1):/g, // :rocket:, :+1: (not file.yml:12:3)
];

// Block syntax only counts at the start of a line; a value can land there (a list item, a title). MDX reads a
// line starting with `import` or `export` as JavaScript: its first letter becomes a character reference.
// Only the forms that really open a block are escaped, so `24.04` or `-rc1` read as they always did.
const LINE_START = /^(\s*)(?:(#|[+=-](?=[\s+=-]|$)|:(?=:))|(\d{1,9})([.)])(?=\s|$)|([ie])(?=mport\b|xport\b))/;

/**
 * Plain text for a table cell or any inline position on GitHub or the docs page: one line, every Markdown, MDX
 * and GitHub metacharacter neutralised. What renders is exactly the text (line breaks become spaces).
 */
export function markdownText(text: string): string {
  const oneLine = text.replace(LINE_BREAKS, " ");
  const splits = new Set<number>();
  for (const pattern of SPLIT_BEFORE) for (const match of oneLine.matchAll(pattern)) splits.add(match.index);
  let out = "";
  for (let i = 0; i < oneLine.length; i++) {
    if (splits.has(i)) out += SPLIT;
    const ch = oneLine[i] as string;
    out += TEXT_ESCAPES[ch] ?? ch;
  }
  // Only ASCII punctuation can be backslash-escaped: `1.` becomes `1\.`, not `\1.`.
  return out.replace(LINE_START, (_, space: string, mark?: string, digits?: string, dot?: string, letter?: string) => {
    if (letter !== undefined) return `${space}&#${letter.charCodeAt(0)};`;
    return mark === undefined ? `${space}${digits}\\${dot}` : `${space}\\${mark}`;
  });
}

/**
 * A copyable code span, the same in a GFM table cell and anywhere else. Text a code span cannot carry safely
 * everywhere falls back to escaped plain text: a pipe (a table needs `\|`, which shows as such outside one), a
 * backslash, comment delimiters, a backtick (it would need a longer fence, which kairos-docs' pre-loader misreads:
 * it splits lines on single backticks) and Hugo shortcode openers `{{<` `{{%` (the pre-loader comments out such a line).
 */
export function codeSpan(text: string): string {
  const oneLine = text.replace(LINE_BREAKS, " ");
  if (oneLine.trim() === "" || /[\\`|]|<!--|-->|\{\{[<%]/.test(oneLine)) return markdownText(oneLine);
  return /^ | $/.test(oneLine) ? `\` ${oneLine} \`` : `\`${oneLine}\``;
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
  const label = markdownText(text);
  if (!isLinkable(url.trim())) return label;
  return `[${label}](${encodeUrl(url.trim())})`;
}
