// Per-file diffs as GitHub's `files` entries report them: additions, deletions and the hunk-only `patch`.
import { structuredPatch } from "diff";
import type { Repo } from "./world.js";

export interface FileDiff {
  readonly additions: number;
  readonly deletions: number;
  /** Unified hunks without file headers, as in GitHub's `patch`; undefined for binary content and past the diff limit. */
  readonly patch: string | undefined;
}

/**
 * docs.github.com "Repository limits", Diff limits: "No single file's diff may exceed 20,000 lines that
 * you can load or 500 KB of raw diff data"; past it the files API leaves `patch` out.
 */
const MAX_PATCH_LINES = 20_000;
const MAX_PATCH_BYTES = 500 * 1024;

function text(repo: Repo, sha: string | null): string | undefined {
  if (!sha) return "";
  const content = repo.objects.blob(sha)?.content;
  if (!content) return "";
  return content.includes(0) ? undefined : content.toString("utf8");
}

/**
 * Blobs are named by their content, so a diff between two never changes. Remembering it keeps a large
 * diff (a 10,000-line file costs the line diff hundreds of ms) from being recomputed on every request:
 * GitHub computes diffs on its own servers, while this simulator shares the event loop of the app under test.
 */
const remembered = new WeakMap<Repo, Map<string, FileDiff>>();

export function fileDiff(repo: Repo, before: string | null, after: string | null): FileDiff {
  let diffs = remembered.get(repo);
  if (!diffs) remembered.set(repo, (diffs = new Map()));
  const key = `${before ?? ""}..${after ?? ""}`;
  let diff = diffs.get(key);
  if (!diff) diffs.set(key, (diff = computeFileDiff(repo, before, after)));
  return diff;
}

function computeFileDiff(repo: Repo, before: string | null, after: string | null): FileDiff {
  const a = text(repo, before);
  const b = text(repo, after);
  if (a === undefined || b === undefined) return { additions: 0, deletions: 0, patch: undefined };
  const hunks = structuredPatch("a", "b", a, b, undefined, undefined, { context: 3 }).hunks;
  let additions = 0;
  let deletions = 0;
  const parts: string[] = [];
  for (const h of hunks) {
    parts.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const line of h.lines) {
      if (line.startsWith("+")) additions++;
      else if (line.startsWith("-")) deletions++;
      parts.push(line);
    }
  }
  const patch = parts.join("\n");
  const tooLarge = parts.length > MAX_PATCH_LINES || Buffer.byteLength(patch) > MAX_PATCH_BYTES;
  return { additions, deletions, patch: tooLarge ? undefined : patch };
}
