// Reads a job's values back from the name GitHub reports, for a matrix only a running workflow knows (`fromJson(needs.….outputs.…)`).
//
// A pattern is the job's display name with `{key}` where a value stands, e.g. `build ({arch}, {variant})`
// for a job without `name:` (GitHub shows `<job id> (<values>)`, see job-display-name.ts). A job that calls
// a reusable workflow is reported as `<caller> / <called job>…`, so a pattern may match the first segments only.
import type { Combination } from "./matrix-types.js";
import { NAME_SEGMENT_SEPARATOR } from "./job-display-name.js";

export interface JobNamePattern {
  readonly text: string;
  /** The `{key}` names, in pattern order. */
  readonly keys: readonly string[];
  readonly regex: RegExp;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_-]*)\}/g;

/** Null when the pattern has no `{key}`: it would read no value, so it cannot place a job. */
export function parseJobNamePattern(text: string): JobNamePattern | null {
  const keys: string[] = [];
  let source = "";
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(text.slice(last, match.index));
    // A value never spans a segment separator: GitHub puts ` / ` only between caller and called job.
    source += "((?:(?! / ).)+?)";
    keys.push(match[1]!);
    last = match.index + match[0].length;
  }
  if (keys.length === 0) return null;
  source += escapeRegExp(text.slice(last));
  return { text, keys, regex: new RegExp(`^${source}$`) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export interface ReportedJob {
  /** The part of the name the pattern matched: the whole name, or its first segments. */
  readonly matched: string;
  readonly values: Combination;
}

/** The values a reported job name carries, or null when the pattern does not describe it. */
export function readJobName(pattern: JobNamePattern, name: string): ReportedJob | null {
  const segments = name.split(NAME_SEGMENT_SEPARATOR);
  for (let count = 1; count <= segments.length; count += 1) {
    const head = segments.slice(0, count).join(NAME_SEGMENT_SEPARATOR);
    const match = pattern.regex.exec(head);
    if (!match) continue;
    const values: Record<string, string> = {};
    pattern.keys.forEach((key, i) => {
      values[key] ??= match[i + 1]!;
    });
    return { matched: head, values };
  }
  return null;
}
