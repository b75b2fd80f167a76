// Reads one `strategy.matrix` node into a MatrixDefinition, with the structural rules GitHub enforces at parse time.
// Rules mirrored from actions/runner src/Sdk/WorkflowParser/Conversion/WorkflowTemplateConverter.cs (ConvertToStrategy)
// and MatrixBuilder.cs (MatrixInclude / MatrixExclude constructors).
import { isMap, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import type { SourceLocation } from "../located-error.js";
import type { Located, MatrixDefinition, MatrixDimension, MatrixEntry, MatrixPair, MatrixValue } from "./matrix-types.js";
import type { WorkflowDocument } from "./workflow-document.js";
import { WorkflowError } from "./workflow-error.js";

type YamlPair = Pair<Node, Node | null>;

export function readMatrixDefinition(
  document: WorkflowDocument,
  jobId: string,
  matrixPair: YamlPair,
): MatrixDefinition {
  rejectExpressions(document, jobId, matrixPair.value);
  const matrix = document.resolve(matrixPair.value);
  if (!isMap(matrix)) {
    throw document.error(matrixPair.value ?? matrixPair.key, `strategy.matrix of job "${jobId}" must be a mapping`);
  }
  document.rejectWideMapping(matrix, `strategy.matrix of job "${jobId}"`);
  const dimensions: MatrixDimension[] = [];
  let include: MatrixEntry[] = [];
  let exclude: MatrixEntry[] = [];
  const seenDimensions = new Map<string, Node>();
  for (const pair of matrix.items as YamlPair[]) {
    const key = document.templateKeyOf(pair, "matrix key");
    if (key === "include") include = readEntries(document, pair, "include");
    else if (key === "exclude") exclude = readEntries(document, pair, "exclude");
    else {
      document.rejectCaseDuplicate(seenDimensions, key, pair.key);
      dimensions.push(readDimension(document, key, pair));
    }
  }
  const location = document.locate(matrixPair.key);
  if (dimensions.length === 0 && include.length === 0) {
    throw new WorkflowError(location, `strategy.matrix of job "${jobId}" defines no dimension and no include entry`);
  }
  rejectUnknownExcludeKeys(exclude, dimensions);
  return { file: document.file, jobId, location, dimensions, include, exclude };
}

/**
 * Keys the matrix visibly mentions (dimensions and include keys), read tolerantly so a job
 * can be recognised even when its matrix cannot be expanded.
 */
export function visibleMatrixKeys(document: WorkflowDocument, matrixNode: Node | null): string[] {
  const keys = new Set<string>();
  const matrix = safeResolve(document, matrixNode);
  if (!isMap(matrix)) return [];
  for (const pair of matrix.items as YamlPair[]) {
    const key = safeResolve(document, pair.key);
    const name = key && "value" in key && typeof key.value === "string" ? key.value : null;
    if (name === null || name === "exclude") continue;
    if (name !== "include") keys.add(name);
    else for (const entryKey of includeKeys(document, pair.value)) keys.add(entryKey);
  }
  return [...keys];
}

function includeKeys(document: WorkflowDocument, node: Node | null): string[] {
  const list = safeResolve(document, node);
  if (!isSeq(list)) return [];
  return (list.items as Node[]).flatMap((item) => {
    const entry = safeResolve(document, item);
    if (!isMap(entry)) return [];
    return (entry.items as YamlPair[]).flatMap((p) => {
      const key = safeResolve(document, p.key);
      return key && "value" in key && typeof key.value === "string" ? [key.value] : [];
    });
  });
}

function safeResolve(document: WorkflowDocument, node: Node | null | undefined): Node | null {
  try {
    return document.resolve(node);
  } catch {
    return null;
  }
}

function rejectExpressions(document: WorkflowDocument, jobId: string, node: Node | null): void {
  const expression = document.firstExpression(node);
  if (expression) {
    throw new WorkflowError(
      expression,
      `strategy.matrix of job "${jobId}" is not statically known: it uses an expression (\${{ ... }}) that GitHub evaluates only when the workflow runs`,
    );
  }
}

function readDimension(document: WorkflowDocument, key: string, pair: YamlPair): MatrixDimension {
  const list = document.resolve(pair.value);
  if (!isSeq(list)) {
    throw document.error(pair.value ?? pair.key, `matrix dimension "${key}" must be a list of values`);
  }
  if (list.items.length === 0) {
    // GitHub: "Matrix vector '<key>' does not contain any values".
    throw document.error(list, `matrix dimension "${key}" has no values`);
  }
  const values: Located<MatrixValue>[] = (list.items as Node[]).map((item) => ({
    value: document.toMatrixValue(item),
    location: document.locate(item),
  }));
  return { key, keyLocation: document.locate(pair.key), values };
}

function readEntries(document: WorkflowDocument, pair: YamlPair, list: "include" | "exclude"): MatrixEntry[] {
  const sequence = document.resolve(pair.value);
  if (!isSeq(sequence)) throw document.error(pair.value ?? pair.key, `matrix ${list} must be a list of mappings`);
  return (sequence.items as Node[]).map((item, index) => {
    const entry = document.resolve(item);
    if (!isMap(entry)) throw document.error(item, `matrix ${list} entry must be a mapping`);
    if (entry.items.length === 0) throw document.error(item, `matrix ${list} entry has no keys`);
    document.rejectWideMapping(entry, `matrix ${list} entry`);
    return { list, index, location: document.locate(item), pairs: readPairs(document, entry, list) };
  });
}

function readPairs(document: WorkflowDocument, entry: YAMLMap, list: string): MatrixPair[] {
  const seen = new Map<string, Node>();
  return (entry.items as YamlPair[]).map((p) => {
    const key = document.templateKeyOf(p, `matrix ${list} key`);
    document.rejectCaseDuplicate(seen, key, p.key);
    const keyLocation = document.locate(p.key);
    const valueLocation: SourceLocation = p.value ? document.locate(p.value) : keyLocation;
    return { key, keyLocation, value: document.toMatrixValue(p.value), valueLocation };
  });
}

/** GitHub: "Matrix exclude key '<key>' does not match any key within the matrix". */
function rejectUnknownExcludeKeys(exclude: readonly MatrixEntry[], dimensions: readonly MatrixDimension[]): void {
  const known = new Set(dimensions.map((d) => d.key.toLowerCase()));
  for (const entry of exclude) {
    for (const pair of entry.pairs) {
      if (!known.has(pair.key.toLowerCase())) {
        const names = dimensions.map((d) => d.key).join(", ") || "none";
        throw new WorkflowError(
          pair.keyLocation,
          `exclude key "${pair.key}" is not a matrix dimension (dimensions: ${names}); GitHub rejects such an exclude`,
        );
      }
    }
  }
}
