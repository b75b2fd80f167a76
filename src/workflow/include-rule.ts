// The include rule: each include entry extends every original combination it does not contradict, or becomes a job of its own.
//
// GitHub's docs ("Expanding or adding matrix configurations"): "For each object in the include list, the
// key:value pairs in the object will be added to each of the matrix combinations if none of the key:value
// pairs overwrite any of the original matrix values. If the object cannot be added to any of the matrix
// combinations, a new matrix combination will be created instead. Note that the original matrix values
// will not be overwritten, but added matrix values can be overwritten."
// actions/runner src/Sdk/WorkflowParser/Conversion/MatrixBuilder.cs (MatrixInclude) does it this way: an
// entry's dimension keys are its filter, its other keys its extra values; filters are tested against the
// original (post-exclude) combination only, extras accumulate in entry order (a later entry overwrites an
// earlier one's value in place), and unmatched entries are appended as new jobs (dimension keys first,
// then extras), never extended by later entries.
import type { ExpandedJob, IncludeMerge, KeyAssignment } from "./expanded-job.js";
import { filterMatches, type FilterPair } from "./matrix-filter.js";
import type { Combination, MatrixEntry, MatrixPair, MatrixValue } from "./matrix-types.js";

interface SplitEntry {
  readonly entry: MatrixEntry;
  readonly filter: readonly FilterPair[];
  readonly extra: readonly MatrixPair[];
}

interface ExtraValue {
  readonly key: string;
  value: MatrixValue;
  setBy: MatrixEntry;
}

export function applyIncludes(
  originals: readonly Combination[],
  include: readonly MatrixEntry[],
  dimensionKeys: readonly string[],
): ExpandedJob[] {
  const dimensions = new Set(dimensionKeys.map((k) => k.toLowerCase()));
  const entries = include.map((entry) => splitEntry(entry, dimensions));
  const matched = new Set<MatrixEntry>();
  const jobs = originals.map((original) => extendOriginal(original, entries, matched));
  const created = entries.filter((e) => !matched.has(e.entry)).map(createdJob);
  return [...jobs, ...created];
}

function splitEntry(entry: MatrixEntry, dimensions: ReadonlySet<string>): SplitEntry {
  const isDimension = (pair: MatrixPair) => dimensions.has(pair.key.toLowerCase());
  return { entry, filter: entry.pairs.filter(isDimension), extra: entry.pairs.filter((p) => !isDimension(p)) };
}

function extendOriginal(original: Combination, entries: readonly SplitEntry[], matched: Set<MatrixEntry>): ExpandedJob {
  // Keyed by the lower-cased key, in first-assignment order: one lookup per key, however wide an entry is.
  const extras = new Map<string, ExtraValue>();
  const merges: IncludeMerge[] = [];
  for (const split of entries) {
    if (!filterMatches(split.filter, original)) continue;
    matched.add(split.entry);
    merges.push({ entry: split.entry, assignments: split.extra.map((pair) => assign(extras, pair, split.entry)) });
  }
  const values = Object.fromEntries([...Object.entries(original), ...[...extras.values()].map((e) => [e.key, e.value] as const)]);
  return { values, original, createdBy: null, merges };
}

function assign(extras: Map<string, ExtraValue>, pair: MatrixPair, entry: MatrixEntry): KeyAssignment {
  const folded = pair.key.toLowerCase();
  const existing = extras.get(folded);
  if (!existing) {
    extras.set(folded, { key: pair.key, value: pair.value, setBy: entry });
    return { key: pair.key, value: pair.value, location: pair.valueLocation };
  }
  const overwritten = { value: existing.value, setBy: existing.setBy };
  existing.value = pair.value;
  existing.setBy = entry;
  return { key: existing.key, value: pair.value, location: pair.valueLocation, overwritten };
}

function createdJob(split: SplitEntry): ExpandedJob {
  const values = Object.fromEntries([...split.filter, ...split.extra].map((p) => [p.key, p.value] as const));
  return { values, original: null, createdBy: split.entry, merges: [] };
}
