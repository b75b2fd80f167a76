// Compiles a page the way kairos-docs builds it: its Hugo pre-loader, then Docusaurus 3.10's MDX processor.
//
// kairos-docs runs plugins/hugo-mdx-preprocess-loader.cjs on every page before @docusaurus/mdx-loader (read at
// kairos-io/kairos-docs@19289fe7c628a597174c6c56cb49636bd4d6dbc6). `kairosDocsPreLoader` does what it does, in
// our words: outside fenced code, a line that opens a `{{<`/`{{%` shortcode without closing it starts a run of
// lines turned into HTML comments; on other lines, shortcodes are wrapped in backticks, and in the parts outside
// inline code (found by splitting the line on backticks) `<br>` is closed, `${VAR}` and `<Token>` (not a known
// HTML tag) are wrapped in backticks and `<img …>` is closed.
import { createRequire } from "node:module";

// The loader's internals are CommonJS without an exports map: require them as Docusaurus itself does.
const require = createRequire(import.meta.url);
const { createProcessorUncached } = require("@docusaurus/mdx-loader/lib/processor.js") as typeof import("@docusaurus/mdx-loader/lib/processor.js");
const { default: preprocessContent } = require("@docusaurus/mdx-loader/lib/preprocessor.js") as typeof import("@docusaurus/mdx-loader/lib/preprocessor.js");

const KNOWN_TAGS = new Set(
  "a b blockquote br code details div em h1 h2 h3 h4 h5 h6 hr i img li ol p pre span strong summary table tbody td th thead tr ul tabs tabitem".split(
    " ",
  ),
);

function outsideInlineCode(part: string): string {
  return part
    .replace(/<br>/gi, "<br />")
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => `\`\${${name}}\``)
    .replace(/<([A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*)>/g, (whole, tag: string) =>
      KNOWN_TAGS.has(tag.toLowerCase()) ? whole : `\`${whole}\``,
    )
    .replace(/<img([^>]*?)>/g, (whole, attrs: string) => (/\/\s*>$/.test(whole) ? whole : `<img${attrs} />`));
}

function wrapShortcodes(line: string): string {
  let out = "";
  let inCode = false;
  for (let i = 0; i < line.length; ) {
    if (line[i] === "`") inCode = !inCode;
    const opener = !inCode && (line.startsWith("{{<", i) || line.startsWith("{{%", i));
    const close = line.startsWith("{{<", i) ? ">}}" : "%}}";
    const end = opener ? line.indexOf(close, i + 3) : -1;
    if (end >= 0) {
      out += `\`${line.slice(i, end + 3)}\``;
      i = end + 3;
    } else {
      out += line[i];
      i += 1;
    }
  }
  return out;
}

export function kairosDocsPreLoader(source: string): string {
  let inFence = false;
  let inShortcode = false;
  const asComment = (line: string) => `<!-- ${line.replace(/--/g, "- -")} -->`;
  return source
    .split("\n")
    .map((line) => {
      if (/^(```|~~~)/.test(line.trimStart())) {
        inFence = !inFence;
        return line;
      }
      if (inFence) return line;
      if (inShortcode) {
        if (line.includes(">}}") || line.includes("%}}")) inShortcode = false;
        return asComment(line);
      }
      if ((line.includes("{{<") || line.includes("{{%")) && !(line.includes(">}}") || line.includes("%}}"))) {
        inShortcode = true;
        return asComment(line);
      }
      const parts = wrapShortcodes(line).split("`");
      return parts.map((part, i) => (i % 2 === 0 ? outsideInlineCode(part) : part)).join("`");
    })
    .join("\n");
}

/** The mdast node shapes the tests read. */
export interface MdastNode {
  readonly type: string;
  readonly value?: string;
  readonly name?: string;
  readonly children?: readonly MdastNode[];
}

// Docusaurus 3.10's defaults for `markdown` (format mdx, emoji on, every mdx1Compat option on), no site files.
const markdownConfig = {
  format: "mdx",
  mermaid: false,
  emoji: true,
  mdx1Compat: { comments: true, admonitions: true, headingIds: true },
  anchors: { maintainCase: false },
  hooks: { onBrokenMarkdownLinks: "warn", onBrokenMarkdownImages: "throw" },
  remarkRehypeOptions: undefined,
};

let lastTree: MdastNode | null = null;
const captureTree = () => (tree: MdastNode) => {
  lastTree = tree;
};

// One processor for the whole run: building it is most of the cost.
const processor = createProcessorUncached({
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Docusaurus' full options type wants a whole site.
  options: { admonitions: true, markdownConfig, staticDirs: [], siteDir: "/site", remarkPlugins: [captureTree] } as any,
  format: "mdx",
});

/** Compiles `page` to the JavaScript module Docusaurus would build, and returns the mdast after every remark plugin. */
export async function compileDocsPage(page: string, filePath = "/site/docs/reference/image_matrix.md"): Promise<MdastNode> {
  const preprocessed = preprocessContent({
    fileContent: kairosDocsPreLoader(page),
    filePath,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    markdownConfig: markdownConfig as any,
    admonitions: true,
  });
  lastTree = null;
  await (await processor).process({ content: preprocessed, filePath, frontMatter: {}, compilerName: "server" });
  if (lastTree === null) throw new Error("the remark pipeline did not run");
  return lastTree;
}

/** Text as a reader sees it: text, inline code and emoji alike; elements the MDX holds contribute their text. */
export function plainText(node: MdastNode): string {
  if (node.type === "text" || node.type === "inlineCode") return node.value ?? "";
  return (node.children ?? []).map(plainText).join("");
}

export function nodesOfType(node: MdastNode, types: readonly string[]): MdastNode[] {
  const own = types.includes(node.type) ? [node] : [];
  return [...own, ...(node.children ?? []).flatMap((child) => nodesOfType(child, types))];
}

/** Each table as rows of cell texts. */
export function tables(tree: MdastNode): string[][][] {
  return nodesOfType(tree, ["table"]).map((table) => (table.children ?? []).map((row) => (row.children ?? []).map(plainText)));
}
