// A hidden line inside each generated block recording what it was generated from, so the next run can say what changed.
import type { ReleaseVersion } from "../releases/component-release.js";

/** One workflow file a tested-matrix block was generated from. */
export interface SourceRecord {
  readonly repository: string;
  readonly path: string;
  readonly sha: string;
}

/** One changelog row as it was generated: enough to diff against the next release refresh. */
export interface ReleaseRecord {
  readonly repository: string;
  readonly latest: ReleaseVersion | null;
}

/** What a tested-matrix block's results came from, per watched workflow: the run linked and what each cell showed. */
export interface ResultsRecord {
  readonly repository: string;
  readonly workflow: string;
  /** The run the block links to. */
  readonly run: { readonly number: number; readonly url: string };
  /** Cell part (`image · platform · label`) → `passed`, `did not run`, or `failed <job url>`. */
  readonly cells: Readonly<Record<string, string>>;
}

type RecordKind = "sources" | "releases" | "results";

function recordPattern(kind: RecordKind): RegExp {
  return new RegExp(`^<!-- support-matrix-bot:${kind} (.*) -->$`, "m");
}

/**
 * Readable JSON, so reviewers see in the diff what the block came from; `<` and `>` are written as
 * JSON escapes, so no repository name, path or tag can close the HTML comment (or open one) early.
 */
function encode(kind: RecordKind, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  return `<!-- support-matrix-bot:${kind} ${json} -->`;
}

function decode(kind: RecordKind, block: string | null): unknown {
  const match = block === null ? null : recordPattern(kind).exec(block);
  if (!match) return null;
  try {
    return JSON.parse(match[1]!) as unknown;
  } catch {
    return null;
  }
}

export function sourcesRecordLine(sources: readonly SourceRecord[]): string {
  return encode("sources", sources.map(({ repository, path, sha }) => ({ repository, path, sha })));
}

export function releasesRecordLine(releases: readonly ReleaseRecord[]): string {
  return encode("releases", releases.map(({ repository, latest }) => ({ repository, latest })));
}

const isString = (v: unknown): v is string => typeof v === "string";
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** What a block says it was generated from; empty when the block predates the bot or was hand-edited. */
export function readSourcesRecord(block: string | null): SourceRecord[] {
  const value = decode("sources", block);
  if (!Array.isArray(value)) return [];
  return value.filter(
    (s): s is SourceRecord => isObject(s) && isString(s.repository) && isString(s.path) && isString(s.sha),
  );
}

function isReleaseVersion(v: unknown): v is ReleaseVersion {
  return isObject(v) && isString(v.tag) && isString(v.version) && isString(v.url) && isString(v.publishedAt);
}

export function readReleasesRecord(block: string | null): ReleaseRecord[] | null {
  const value = decode("releases", block);
  if (!Array.isArray(value)) return null;
  return value.filter(
    (r): r is ReleaseRecord => isObject(r) && isString(r.repository) && (r.latest === null || isReleaseVersion(r.latest)),
  );
}

export function resultsRecordLine(results: readonly ResultsRecord[]): string {
  return encode("results", results.map(({ repository, workflow, run, cells }) => ({ repository, workflow, run, cells })));
}

function isResultsRecord(r: unknown): r is ResultsRecord {
  if (!isObject(r) || !isString(r.repository) || !isString(r.workflow) || !isObject(r.run) || !isObject(r.cells)) return false;
  return typeof r.run.number === "number" && isString(r.run.url) && Object.values(r.cells).every(isString);
}

/** What a block's results line says; empty for a block without one (no results yet, older pages, hand edits). */
export function readResultsRecord(block: string | null): ResultsRecord[] {
  const value = decode("results", block);
  return Array.isArray(value) ? value.filter(isResultsRecord) : [];
}
