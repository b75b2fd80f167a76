// Finds where a key path (e.g. `pull_request.labels[1]`) sits in the YAML text a maintainer wrote.
import { LineCounter, isAlias, isMap, isNode, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import type { SourceLocation } from "../located-error.js";

export type KeyPathSegment = string | number;

/** Point at a key's value, or at the key itself (for an unknown key). */
export type LocationTarget = "value" | "key";

interface Match {
  /** How many leading segments of the path exist in this text. */
  readonly depth: number;
  readonly offset: number | null;
}

/** A value with no text (`labels:` followed by nothing) has an empty range; the key is the useful spot. */
function isEmptyValue(node: Node): boolean {
  const range = node.range;
  return isScalar(node) && node.value === null && range !== null && range !== undefined && range[0] === range[1];
}

function resolve(node: unknown, doc: Document): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function startOf(node: unknown): number | null {
  return isNode(node) && node.range ? node.range[0] : null;
}

/** One parsed text, asked many times: parse once, walk per error. */
export class YamlText {
  readonly file: string;
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(file: string, text: string) {
    this.file = file;
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: false });
  }

  /** Walks as far along `path` as the text goes; the caller picks the text that goes furthest. */
  match(path: readonly KeyPathSegment[], target: LocationTarget): Match {
    let node: unknown = this.doc.contents;
    let offset = startOf(node);
    let depth = 0;
    for (const [index, segment] of path.entries()) {
      node = resolve(node, this.doc);
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        const keyOffset = startOf(pair.key);
        depth += 1;
        if (last && target === "key") return { depth, offset: keyOffset };
        const value = pair.value;
        if (!isNode(value) || isEmptyValue(value)) return { depth, offset: keyOffset };
        node = value;
        offset = startOf(value) ?? keyOffset;
      } else if (isSeq(node)) {
        const item: unknown = node.items[Number(segment)];
        if (item === undefined) break;
        depth += 1;
        node = item;
        offset = startOf(item) ?? offset;
      } else {
        break;
      }
    }
    return { depth, offset };
  }

  locationOf(offset: number | null): SourceLocation {
    if (offset === null) return { file: this.file, line: 1, col: 1 };
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line: Math.max(line, 1), col: Math.max(col, 1) };
  }
}

/**
 * Where `path` is written, among texts listed most specific first (the repository's own file, then what
 * it `_extends`): the text that holds most of the path wins, and the first one on a tie.
 */
export function locateKeyPath(
  texts: readonly YamlText[],
  path: readonly KeyPathSegment[],
  target: LocationTarget,
): SourceLocation | null {
  let best: { text: YamlText; match: Match } | null = null;
  for (const text of texts) {
    const match = text.match(path, target);
    if (best === null || match.depth > best.match.depth) best = { text, match };
  }
  return best === null ? null : best.text.locationOf(best.match.offset);
}
