// Whether an include or exclude entry matches a combination, leaf by leaf, as GitHub's MatrixFilter does.
//
// actions/runner src/Sdk/WorkflowParser/Conversion/MatrixBuilder.cs (MatrixFilter): every scalar leaf
// of the entry becomes `matrix['key']['sub'][0] == literal`, and the entry matches when all hold. So a
// mapping or list in an entry matches partially (extra keys in the matrix value are ignored), a path that
// does not exist reads as null, an empty mapping or list matches anything, and keys are looked up
// ignoring case (DictionaryExpressionData's index is OrdinalIgnoreCase).
import { expressionEquals } from "./expression-equality.js";
import type { Combination, MatrixValue } from "./matrix-types.js";

/** A key and the value an entry expects there. */
export interface FilterPair {
  readonly key: string;
  readonly value: MatrixValue;
}

export function filterMatches(pairs: readonly FilterPair[], combination: Combination): boolean {
  return pairs.every((pair) => leavesMatch(pair.value, valueAt(combination, pair.key)));
}

function leavesMatch(expected: MatrixValue, actual: MatrixValue): boolean {
  if (Array.isArray(expected)) {
    return expected.every((item: MatrixValue, index: number) => leavesMatch(item, itemAt(actual, index)));
  }
  if (isMapping(expected)) {
    return Object.entries(expected).every(([key, value]) => leavesMatch(value, isMapping(actual) ? valueAt(actual, key) : null));
  }
  return expressionEquals(expected as string | number | boolean | null, actual);
}

/** Case-insensitive lookup; the exact key wins when present. */
export function valueAt(mapping: Combination, key: string): MatrixValue {
  if (Object.hasOwn(mapping, key)) return mapping[key] as MatrixValue;
  const found = foldedKeys(mapping).get(key.toLowerCase());
  return found === undefined ? null : (mapping[found] as MatrixValue);
}

/** Each mapping's keys by lower case, built once: a wide mapping costs one pass, not one pass per lookup. */
const foldedIndexes = new WeakMap<Combination, ReadonlyMap<string, string>>();

function foldedKeys(mapping: Combination): ReadonlyMap<string, string> {
  let index = foldedIndexes.get(mapping);
  if (!index) {
    const keys = new Map<string, string>();
    // The first key in order wins, as a linear search would find it.
    for (const key of Object.keys(mapping)) if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
    index = keys;
    foldedIndexes.set(mapping, index);
  }
  return index;
}

function itemAt(value: MatrixValue, index: number): MatrixValue {
  return Array.isArray(value) ? ((value as readonly MatrixValue[])[index] ?? null) : null;
}

function isMapping(value: MatrixValue): value is { readonly [key: string]: MatrixValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
