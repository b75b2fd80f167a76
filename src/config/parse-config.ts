// Turns what Probot read from `.github/support-matrix-bot.yml` into a Config, or located errors (never defaults).
import { parse } from "yaml";
import type { z } from "zod";
import { type Config, deepFreeze, toConfig } from "./config.js";
import { ConfigError } from "./config-error.js";
import { invalidYamlError } from "./config-load-error.js";
import { knownKeysAt } from "./config-json-schema.js";
import { DEFAULT_MATRIX_BRANCH, DEFAULT_RELEASE_BRANCH, DEFAULT_WORKFLOW, configFileSchema } from "./config-schema.js";
import { quoteValue } from "./config-value-description.js";
import { CONFIG_PATH } from "./default-config.js";
import { suggestKey } from "./key-suggestion.js";
import type { SourceLocation } from "../located-error.js";
import { type KeyPathSegment, YamlText, locateKeyPath } from "./yaml-location.js";

/** The raw text of a file the value came from, so errors can point at a line. */
export interface ConfigOrigin {
  /** Shown in errors, e.g. `.github/support-matrix-bot.yml`. */
  readonly file: string;
  readonly text: string;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly errors: ConfigError[] };

/** Where a problem points: the offending value, the key itself (unknown key), or the mapping missing a key. */
type ProblemTarget = "value" | "key" | "parent";

interface Problem {
  readonly path: readonly KeyPathSegment[];
  readonly target: ProblemTarget;
  readonly message: string;
}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function valueAt(value: unknown, path: readonly KeyPathSegment[]): { found: boolean; value: unknown } {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === "number" && segment < current.length) current = current[segment];
    else if (isRecord(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return { found: false, value: undefined };
  }
  return { found: true, value: current };
}

function unknownKeyProblems(issue: z.core.$ZodIssueUnrecognizedKeys): Problem[] {
  const known = knownKeysAt(issue.path as KeyPathSegment[]).filter((k) => k !== "_extends");
  return issue.keys.map((key) => {
    const suggestion = suggestKey(key, known);
    const hint = suggestion === null ? `known keys: ${known.join(", ")}` : `did you mean "${suggestion}"?`;
    return { path: [...(issue.path as KeyPathSegment[]), key], target: "key", message: `unknown key (${hint})` };
  });
}

function issueProblems(issue: z.core.$ZodIssue, raw: unknown): Problem[] {
  if (issue.code === "unrecognized_keys") return unknownKeyProblems(issue);
  // Config keys come from YAML or JSON, so a path holds only strings and list indices, never symbols.
  const path = issue.path as KeyPathSegment[];
  const missing = path.length > 0 && !valueAt(raw, path).found;
  return [{ path, target: missing ? "parent" : "value", message: issue.message }];
}

function stringAt(raw: unknown, path: readonly KeyPathSegment[]): string | undefined {
  const { value } = valueAt(raw, path);
  return typeof value === "string" ? value : undefined;
}

/** Git keeps refs as files, so `a` and `a/b` cannot both exist: that clash is as fatal as equal names. */
function branchesClash(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** The branch a pull request will use: what was written, the default when absent, null when not a string. */
function branchAt(raw: unknown, key: string, fallback: string): string | null {
  const { found, value } = valueAt(raw, [key, "branch"]);
  if (!found) return fallback;
  return typeof value === "string" ? value : null;
}

function branchProblems(raw: unknown): Problem[] {
  if (stringAt(raw, ["releases", "pull_request"]) === "shared") return [];
  const matrix = branchAt(raw, "pull_request", DEFAULT_MATRIX_BRANCH);
  const release = branchAt(raw, "release_pull_request", DEFAULT_RELEASE_BRANCH);
  if (matrix === null || release === null || !branchesClash(matrix, release)) return [];
  // Point at the one the maintainer wrote; when both are written, the release one is the newcomer.
  const releaseWritten = valueAt(raw, ["release_pull_request", "branch"]).found;
  const [path, mine, otherKey, other] = releaseWritten
    ? [["release_pull_request", "branch"], release, "pull_request.branch", matrix]
    : [["pull_request", "branch"], matrix, "release_pull_request.branch", release];
  const relation = matrix === release ? "is the same branch as" : "cannot exist in git next to";
  return [
    {
      path,
      target: "value",
      message:
        `${quoteValue(mine)} ${relation} ${otherKey} ${quoteValue(other)}; with releases.pull_request "separate" ` +
        `each pull request needs its own branch (or set releases.pull_request to "shared")`,
    },
  ];
}

/** What the docs repository is like, for the checks that need it (the app knows it; a file alone does not). */
export interface ConfigContext {
  /** The docs repository's default branch: the bot's branches may never be it. */
  readonly defaultBranch?: string;
}

/** The bot writes only to a branch of its own, through a pull request: never to the branch readers see. */
function defaultBranchProblems(raw: unknown, defaultBranch: string | undefined): Problem[] {
  if (defaultBranch === undefined) return [];
  const separate = stringAt(raw, ["releases", "pull_request"]) !== "shared";
  const keys = separate ? ["pull_request", "release_pull_request"] : ["pull_request"];
  return keys.flatMap((key): Problem[] => {
    const branch = branchAt(raw, key, key === "pull_request" ? DEFAULT_MATRIX_BRANCH : DEFAULT_RELEASE_BRANCH);
    if (branch !== defaultBranch) return [];
    return [
      {
        path: [key, "branch"],
        target: "value",
        message:
          `${quoteValue(branch)} is the docs repository's default branch; the bot commits only to a branch of its own ` +
          "and proposes it through a pull request",
      },
    ];
  });
}

function listProblems(
  raw: unknown,
  list: string,
  identity: (item: Raw) => string | null,
  what: string,
  pointAt: readonly KeyPathSegment[] = [],
): Problem[] {
  const items = valueAt(raw, [list]).value;
  if (!Array.isArray(items)) return [];
  const firstSeen = new Map<string, number>();
  const problems: Problem[] = [];
  items.forEach((item, index) => {
    const id = isRecord(item) ? identity(item) : null;
    if (id === null) return;
    const first = firstSeen.get(id);
    if (first === undefined) firstSeen.set(id, index);
    else problems.push({ path: [list, index, ...pointAt], target: "value", message: `${what} as ${list}[${first}]` });
  });
  return problems;
}

/** Duplicates the schema cannot see: two rows for one component, one workflow read twice. */
function duplicateProblems(raw: unknown): Problem[] {
  const text = (item: Raw, key: string, fallback: string): string | null => {
    const value = item[key] ?? fallback;
    return typeof value === "string" ? value : null;
  };
  const components = listProblems(
    raw,
    "components",
    (c) => text(c, "repository", "")?.toLowerCase() || null,
    "is the same repository",
    ["repository"],
  );
  const sources = listProblems(
    raw,
    "sources",
    (s) => {
      const repository = text(s, "repository", "");
      const workflow = text(s, "workflow", DEFAULT_WORKFLOW);
      const job = Array.isArray(s.jobs) ? s.jobs.join(",") : text(s, "job", "");
      if (!repository || workflow === null || job === null) return null;
      return `${repository.toLowerCase()}\n${workflow}\n${job}`;
    },
    "reads the same repository, workflow and job",
  );
  return [...components, ...sources, ...jobAndJobsProblems(raw)];
}

/** `job` is the older spelling of `jobs`; both at once would leave the reader guessing which one counts. */
function jobAndJobsProblems(raw: unknown): Problem[] {
  const sources = valueAt(raw, ["sources"]).value;
  if (!Array.isArray(sources)) return [];
  return sources.flatMap((source, index): Problem[] =>
    isRecord(source) && "job" in source && "jobs" in source
      ? [{ path: ["sources", index, "job"], target: "key", message: "use either job (one id, the older form) or jobs (a list), not both" }]
      : [],
  );
}

/** Where a key sits in the text a maintainer wrote (`pull_request.branch`), or null when it is not written there. */
export function locateConfigKey(origin: ConfigOrigin, path: readonly KeyPathSegment[]): SourceLocation | null {
  const text = new YamlText(origin.file, origin.text);
  return text.match(path, "value").depth === path.length ? locateKeyPath([text], path, "value") : null;
}

function toConfigError(problem: Problem, texts: readonly YamlText[], file: string): ConfigError {
  const path = problem.target === "parent" ? problem.path.slice(0, -1) : problem.path;
  const location = locateKeyPath(texts, path, problem.target === "key" ? "key" : "value") ?? { file, line: 1, col: 1 };
  return new ConfigError(location, problem.path, problem.message);
}

function byLocation(a: ConfigError, b: ConfigError): number {
  return (
    a.location.file.localeCompare(b.location.file) ||
    a.location.line - b.location.line ||
    a.location.col - b.location.col
  );
}

/**
 * Validates the merged configuration Probot returned. `null`/`undefined` (no file) and `{}` (an empty file)
 * give the defaults; a present key that is wrong is an error, never a silent default.
 * `origin` is the raw text, most specific file first when `_extends` merged several.
 */
export function parseConfig(
  value: unknown,
  origin?: ConfigOrigin | readonly ConfigOrigin[],
  context: ConfigContext = {},
): ConfigResult {
  const raw = value ?? {};
  const origins: readonly ConfigOrigin[] = origin === undefined ? [] : Array.isArray(origin) ? origin : [origin as ConfigOrigin];
  const parsed = configFileSchema.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => issueProblems(issue, raw))),
    ...(isRecord(raw) ? [...branchProblems(raw), ...defaultBranchProblems(raw, context.defaultBranch), ...duplicateProblems(raw)] : []),
  ];
  if (parsed.success && problems.length === 0) return { ok: true, config: deepFreeze(toConfig(parsed.data)) };
  const texts = origins.map((o) => new YamlText(o.file, o.text));
  const file = origins[0]?.file ?? CONFIG_PATH;
  return { ok: false, errors: problems.map((p) => toConfigError(p, texts, file)).sort(byLocation) };
}

/**
 * For text at hand (the CLI's `config check`, a test): read the way Probot's config plugin reads the file
 * (`yaml.parse` with `logLevel: "error"`, an empty file is `{}`, a bare string is refused, then merged), so every message,
 * YAML syntax errors included, is the one the app reports for the same file. `_extends` is not followed.
 */
export function parseConfigText(text: string, file: string = CONFIG_PATH, context: ConfigContext = {}): ConfigResult {
  let value: unknown;
  try {
    value = (parse(text, { logLevel: "error" }) as unknown) || {};
  } catch (error) {
    const located = invalidYamlError(file, error);
    if (located === null) throw error;
    return { ok: false, errors: [located] };
  }
  if (typeof value === "string") {
    // The plugin's words, with the file named as configLoadError names it.
    const message = `Configuration could not be parsed from ${file} (YAML is not an object)`;
    return { ok: false, errors: [new ConfigError({ file, line: 1, col: 1 }, [], message)] };
  }
  // The plugin hands over `Object.assign({}, ...configs)`: a list becomes `{"0": …}`, a number `{}`.
  return parseConfig(Object.assign({}, value), { file, text }, context);
}
