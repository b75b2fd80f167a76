// A workflow's YAML document with positions: syntax errors, alias bombs and values all come out located.
import {
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";
import type { SourceLocation } from "../located-error.js";
import type { MatrixValue } from "./matrix-types.js";
import { WorkflowError } from "./workflow-error.js";

/**
 * A document may expand (through aliases) to at most this many nodes. GitHub's own reader
 * stops at a node budget too (`c_maxYamlNodes` in actions/runner's YamlObjectReader); a real
 * workflow is a few thousand nodes, a "billion laughs" document is billions.
 */
/** kairos-init's test.yml is about 5 KB; a megabyte keeps parsing time and memory bounded for hostile files. */
export const MAX_WORKFLOW_CHARACTERS = 1_048_576;
export const MAX_EXPANDED_NODES = 100_000;

/**
 * Bounds on what one matrix may hold, so a pull request cannot make the expander's work grow with
 * input it invents. A real include entry has a handful of keys and an image name is under 300
 * characters (distribution/reference); GitHub itself would run such a matrix, but this bot refuses
 * to read it rather than spend seconds on it.
 */
export const MAX_MATRIX_MAPPING_KEYS = 1_000;
export const MAX_MATRIX_STRING_LENGTH = 4_096;

/** Passed to yaml's own converter as a second line of defence. */
export const MAX_ALIAS_COUNT = 1_000;

/**
 * GitHub refuses a workflow whose mappings and sequences nest deeper than this, counted from the
 * document root ("Maximum object depth exceeded": ParseOptions.MaxDepth and TemplateMemory.IncrementDepth
 * in actions/runner src/Sdk/WorkflowParser/ObjectTemplating).
 */
export const MAX_OBJECT_DEPTH = 50;

const EXPRESSION_START = "${{";

export class WorkflowDocument {
  private readonly aliasTargets: ReadonlyMap<Node, Node>;

  private constructor(
    readonly file: string,
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {
    this.aliasTargets = aliasTargets(doc);
  }

  /** Parses with GitHub's YAML 1.2 core schema; throws WorkflowError for the first problem. */
  static parse(text: string, file: string): WorkflowDocument {
    if (text.length > MAX_WORKFLOW_CHARACTERS) {
      throw new WorkflowError(
        { file, line: 1, col: 1 },
        `workflow is ${text.length} characters long; more than ${MAX_WORKFLOW_CHARACTERS} is not a workflow this bot reads`,
      );
    }
    const lines = new LineCounter();
    // prettyErrors off: the pretty form builds a context excerpt that can exhaust memory on hostile input.
    // uniqueKeys off: yaml compares each key with every earlier one (11-13 s for one 484 KB mapping);
    // rejectDuplicateKeys does the same check with one set per mapping.
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
    const document = new WorkflowDocument(file, text, doc, lines);
    document.rejectParseErrors();
    document.rejectDuplicateKeys();
    document.rejectAliasBombs();
    return document;
  }

  get root(): Node | null {
    return this.resolve(this.doc.contents);
  }

  /** Where a node (or, for a missing node, the start of the file) is. */
  locate(node: Node | null | undefined): SourceLocation {
    return this.at(node?.range?.[0] ?? 0);
  }

  at(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  error(node: Node | null | undefined, message: string): WorkflowError {
    return new WorkflowError(this.locate(node), message);
  }

  /** Follows an alias to its anchored node; anything else is returned as is. */
  resolve(node: Node | null | undefined): Node | null {
    if (node === null || node === undefined) return null;
    if (!isAlias(node)) return node;
    const target = this.aliasTargets.get(node);
    if (target === undefined) throw this.error(node, `unknown YAML alias *${node.source}`);
    return target;
  }

  /** The pair whose key is exactly `key` (GitHub's workflow keywords are case-sensitive). */
  pair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
    return (map.items as Pair<Node, Node | null>[]).find((p) => {
      const k = this.resolve(p.key);
      return isScalar(k) && k.value === key;
    });
  }

  /** A job id: GitHub's schema accepts only names starting with a letter or `_`, so a number or boolean is refused. */
  keyOf(pair: Pair<Node, Node | null>, what: string): string {
    const key = this.resolve(pair.key);
    if (isScalar(key) && typeof key.value === "string") return key.value;
    const shown = isScalar(key) ? String(key.value) : "a collection";
    throw this.error(pair.key, `${what} ${shown} is not a string; quote it`);
  }

  /**
   * A mapping key inside a matrix, as GitHub reads it: an unquoted `4:` or `true:` becomes the string
   * "4" or "true" (TemplateReader.ReadMapping in actions/runner: "Not a string, convert", with the
   * token's ToString(); a null key reads as the empty string). A collection as a key is refused.
   */
  templateKeyOf(pair: Pair<Node, Node | null>, what: string): string {
    const key = this.resolve(pair.key);
    const text = isScalar(key) ? scalarKeyText(key.value) : null;
    if (text !== null) return text;
    throw this.error(pair.key, `${what} is ${isScalar(key) ? `of type ${typeof key.value}` : "a collection"}; use a string`);
  }

  /**
   * Where the first `${{ ... }}` in a subtree is, or null. GitHub only expands a matrix at
   * parse time when nothing in it is an expression (WorkflowTemplateConverter: `hasExpressions`).
   */
  firstExpression(node: Node | null | undefined): SourceLocation | null {
    const stack: Node[] = [];
    const start = this.resolve(node);
    if (start) stack.push(start);
    while (stack.length > 0) {
      const current = stack.pop() as Node;
      if (isScalar(current)) {
        const found = this.expressionIn(current);
        if (found) return found;
        continue;
      }
      const children: (Node | null)[] = isMap(current)
        ? (current.items as Pair<Node, Node | null>[]).flatMap((p) => [p.key, p.value])
        : isSeq(current)
          ? (current.items as Node[])
          : [];
      // Pushed last-first so the first expression in file order is found first.
      for (let i = children.length - 1; i >= 0; i--) {
        const child = this.resolve(children[i]);
        if (child) stack.push(child);
      }
    }
    return null;
  }

  /** Converts a value node, keeping YAML scalar types; mapping keys must be unique ignoring case, as GitHub compares them. */
  /** Recursion is bounded: parse() refused documents nesting deeper than MAX_OBJECT_DEPTH. */
  toMatrixValue(node: Node | null | undefined): MatrixValue {
    const resolved = this.resolve(node);
    if (resolved === null) return null;
    if (isScalar(resolved)) return this.scalarValue(resolved);
    if (isSeq(resolved)) return (resolved.items as Node[]).map((item) => this.toMatrixValue(item));
    if (isMap(resolved)) return this.mappingValue(resolved);
    throw this.error(resolved, "unsupported YAML node");
  }

  /** Refuses a mapping inside a matrix with more keys than MAX_MATRIX_MAPPING_KEYS, at its first key. */
  rejectWideMapping(map: YAMLMap, what: string): void {
    if (map.items.length <= MAX_MATRIX_MAPPING_KEYS) return;
    throw this.error(
      (map.items[0] as Pair<Node, Node | null>).key,
      `${what} has ${map.items.length} keys; this bot reads at most ${MAX_MATRIX_MAPPING_KEYS} keys in one mapping of a matrix`,
    );
  }

  private mappingValue(map: YAMLMap): MatrixValue {
    this.rejectWideMapping(map, "mapping");
    const seen = new Map<string, Node>();
    const entries: [string, MatrixValue][] = [];
    for (const p of map.items as Pair<Node, Node | null>[]) {
      const key = this.templateKeyOf(p, "key");
      this.rejectCaseDuplicate(seen, key, p.key);
      entries.push([key, this.toMatrixValue(p.value)]);
    }
    // fromEntries defines own properties, so a `__proto__` key stays a plain key.
    return Object.fromEntries(entries);
  }

  /** GitHub's matrix dictionaries look keys up ignoring case, so `os` and `OS` collide there. */
  rejectCaseDuplicate(seen: Map<string, Node>, key: string, node: Node): void {
    const folded = key.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier) {
      const where = this.locate(earlier);
      throw this.error(
        node,
        `key "${key}" repeats the key at line ${where.line}, column ${where.col}; GitHub compares matrix keys ignoring case`,
      );
    }
    seen.set(folded, node);
  }

  private scalarValue(scalar: Node & { value: unknown }): MatrixValue {
    const value = scalar.value;
    if (typeof value === "string" && value.length > MAX_MATRIX_STRING_LENGTH) {
      throw this.error(
        scalar,
        `matrix value is ${value.length} characters long; this bot reads at most ${MAX_MATRIX_STRING_LENGTH} (an image name is under 300)`,
      );
    }
    if (value === null || typeof value === "string" || typeof value === "boolean" || typeof value === "number") {
      return value;
    }
    throw this.error(scalar, `unsupported YAML scalar of type ${typeof value}`);
  }

  private expressionIn(scalar: Node & { value: unknown }): SourceLocation | null {
    if (typeof scalar.value !== "string" || !scalar.value.includes(EXPRESSION_START)) return null;
    const [start, end] = scalar.range ?? [0, 0];
    const offset = this.text.slice(start, end).indexOf(EXPRESSION_START);
    return this.at(offset >= 0 ? start + offset : start);
  }

  private rejectParseErrors(): void {
    const first = this.doc.errors[0];
    if (first) throw new WorkflowError(this.at(first.pos[0]), first.message);
  }

  /** yaml's `uniqueKeys` rule (equal scalar values), in linear time; the first repeat in the file is named. */
  private rejectDuplicateKeys(): void {
    let first: Node | null = null;
    visit(this.doc, {
      Map: (_, map) => {
        const seen = new Set<unknown>();
        for (const pair of map.items as Pair<Node | null, Node | null>[]) {
          if (!isScalar(pair.key)) continue;
          const key: unknown = pair.key.value;
          if (!seen.has(key)) seen.add(key);
          else if (first === null || (pair.key.range?.[0] ?? 0) < (first.range?.[0] ?? 0)) first = pair.key;
        }
      },
    });
    const duplicate = first as Node | null;
    if (duplicate && isScalar(duplicate)) {
      throw this.error(duplicate, `duplicate key ${JSON.stringify(String(duplicate.value))}: YAML mapping keys must be unique`);
    }
  }

  /** Measures how big aliases make the document without expanding it, and refuses a bomb. */
  private rejectAliasBombs(): void {
    const root = this.doc.contents;
    if (!root) return;
    const measure = measureExpansion(
      root,
      (alias) => this.resolve(alias),
      (alias) => this.error(alias, `YAML alias *${isAlias(alias) ? alias.source : ""} refers to itself`),
    );
    if (measure.height > MAX_OBJECT_DEPTH) {
      throw this.error(
        measure.deepest,
        `mappings and sequences nest deeper than ${MAX_OBJECT_DEPTH} levels here; GitHub refuses such a workflow ("Maximum object depth exceeded")`,
      );
    }
    if (measure.total > MAX_EXPANDED_NODES) {
      const culprit = measure.largestAlias;
      throw this.error(
        culprit?.node,
        `YAML aliases expand this document to ${formatCount(measure.total)} nodes, more than the ${MAX_EXPANDED_NODES} allowed` +
          (culprit ? ` (this alias alone expands to ${formatCount(culprit.size)})` : "") +
          `: refusing a resource-exhaustion ("billion laughs") document`,
      );
    }
    try {
      // yaml's own guard, in case an alias shape escapes the measure above.
      this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      throw new WorkflowError(this.at(0), `YAML aliases rejected: ${(error as Error).message}`);
    }
  }
}

/**
 * Each alias's anchored node, found in one pass: yaml's own Alias.resolve walks the whole document
 * per call, which thousands of aliases would turn quadratic.
 */
function aliasTargets(doc: Document.Parsed): Map<Node, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node>();
  // Document order: an alias refers to the last anchor of that name before it.
  visit(doc, {
    Node: (_, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return targets;
}

function formatCount(n: number): string {
  return Number.isFinite(n) && n < 1e21 ? Math.round(n).toString() : n.toExponential(2);
}

interface ExpansionMeasure {
  total: number;
  largestAlias: { node: Node; size: number } | null;
  /** How many mappings and sequences nest at the deepest point, aliases followed. */
  height: number;
  /** The collection at level MAX_OBJECT_DEPTH + 1 on the deepest path, when there is one. */
  deepest: Node | null;
}

/** A non-string scalar key as GitHub's token ToString() writes it; null for a value that is no scalar. */
function scalarKeyText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "";
  return null;
}

/**
 * Expanded node count of a tree where aliases count as copies of their targets. Iterative with
 * memoisation, so neither deep nesting nor an exponential alias chain costs more than one pass.
 */
function measureExpansion(
  root: Node,
  resolve: (alias: Node) => Node | null,
  circular: (alias: Node) => WorkflowError,
): ExpansionMeasure {
  const size = new Map<Node, number>();
  const height = new Map<Node, number>();
  const inProgress = new Set<Node>();
  let largestAlias: ExpansionMeasure["largestAlias"] = null;
  const stack: { node: Node; children: Node[] | null }[] = [{ node: root, children: null }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { node: Node; children: Node[] | null };
    if (size.has(frame.node)) {
      stack.pop();
      continue;
    }
    if (frame.children === null) {
      frame.children = childrenOf(frame.node, resolve);
      inProgress.add(frame.node);
      for (const child of frame.children) {
        if (inProgress.has(child)) throw circular(frame.node);
        if (!size.has(child)) stack.push({ node: child, children: null });
      }
      continue;
    }
    const childTotal = frame.children.reduce((sum, child) => sum + (size.get(child) ?? 0), 0);
    const own = isAlias(frame.node) ? childTotal : 1 + childTotal;
    size.set(frame.node, own);
    const childHeight = frame.children.reduce((max, child) => Math.max(max, height.get(child) ?? 0), 0);
    height.set(frame.node, isMap(frame.node) || isSeq(frame.node) ? 1 + childHeight : childHeight);
    inProgress.delete(frame.node);
    if (isAlias(frame.node) && (largestAlias === null || own > largestAlias.size)) {
      largestAlias = { node: frame.node, size: own };
    }
    stack.pop();
  }
  return { total: size.get(root) ?? 0, largestAlias, height: height.get(root) ?? 0, deepest: deepestCollection(root, height, resolve) };
}

/** Walks down the tallest path to the collection that is one level too deep. */
function deepestCollection(root: Node, height: ReadonlyMap<Node, number>, resolve: (alias: Node) => Node | null): Node | null {
  let node: Node | undefined = root;
  let level = 0;
  while (node) {
    if (isMap(node) || isSeq(node)) level += 1;
    if (level > MAX_OBJECT_DEPTH) return node;
    let tallest: Node | undefined;
    for (const child of childrenOf(node, resolve)) {
      if (tallest === undefined || (height.get(child) ?? 0) > (height.get(tallest) ?? 0)) tallest = child;
    }
    node = tallest;
  }
  return null;
}

function childrenOf(node: Node, resolve: (alias: Node) => Node | null): Node[] {
  if (isAlias(node)) {
    const target = resolve(node);
    return target ? [target] : [];
  }
  if (isMap(node)) {
    return (node.items as Pair<Node | null, Node | null>[]).flatMap((p) =>
      [p.key, p.value].filter((n): n is Node => n !== null && typeof n === "object"),
    );
  }
  if (isSeq(node)) return (node.items as (Node | null)[]).filter((n): n is Node => n !== null);
  return [];
}
