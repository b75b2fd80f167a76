// GitHub's branch, tag and path filter patterns (`on.push.branches`, `paths`, ...): which names a filter list lets through.
//
// The rules are GitHub's "Filter pattern cheat sheet":
// https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#filter-pattern-cheat-sheet
// `*` matches any characters but `/`; `**` any characters; `?` makes the preceding character optional; `+` repeats
// it; `[]` is one character of a set or range; `\` escapes the next character; a leading `!` negates. Patterns are
// read in order and the last one that matches a name decides ("Patterns to match ... order matters"). Names are
// compared case-sensitively, as Git refs and paths are.

/** One pattern of a filter list, compiled. */
export interface FilterPattern {
  /** As written, `!` included. */
  readonly source: string;
  readonly negated: boolean;
  readonly regex: RegExp;
}

/**
 * A branch name is at most a few hundred characters, and one workflow lists a handful of patterns; a longer
 * pattern is not a filter anyone writes, and refusing it keeps the regular expression's work small.
 */
export const MAX_FILTER_PATTERN_LENGTH = 1_024;

const REGEX_SPECIAL = /[.^$|(){}\\/[\]*+?]/;

function literal(char: string): string {
  return REGEX_SPECIAL.test(char) ? `\\${char}` : char;
}

/** A `[...]` set starting at `start`, as a regular-expression class, and where it ends; null when never closed. */
function characterClass(body: string, start: number): { regex: string; end: number } | null {
  const close = body.indexOf("]", start + 1);
  if (close <= start + 1) return null;
  const members = body.slice(start + 1, close).replace(/[\\^\]]/g, "\\$&");
  return { regex: `[${members}]`, end: close + 1 };
}

function toRegex(body: string): RegExp {
  let regex = "";
  let i = 0;
  while (i < body.length) {
    const char = body[i] as string;
    if (char === "\\" && i + 1 < body.length) {
      regex += literal(body[i + 1] as string);
      i += 2;
    } else if (char === "*" && body[i + 1] === "*") {
      // `**/` also matches nothing at all: `**/README.md` names the README at the root too.
      if (body[i + 2] === "/") {
        regex += "(?:.*/)?";
        i += 3;
      } else {
        regex += ".*";
        i += 2;
      }
    } else if (char === "*") {
      regex += "[^/]*";
      i += 1;
    } else if ((char === "?" || char === "+") && regex !== "" && !regex.endsWith("*") && !regex.endsWith("?")) {
      regex += char;
      i += 1;
    } else if (char === "[") {
      const set = characterClass(body, i);
      regex += set ? set.regex : "\\[";
      i = set ? set.end : i + 1;
    } else {
      regex += literal(char);
      i += 1;
    }
  }
  return new RegExp(`^${regex}$`);
}

/** A pattern GitHub's cheat sheet does not describe (too long, a range like `[z-a]`): the caller cannot tell what it selects. */
export class FilterPatternError extends Error {
  constructor(readonly pattern: string, detail: string) {
    super(`filter pattern ${JSON.stringify(pattern.length > 80 ? `${pattern.slice(0, 77)}…` : pattern)} ${detail}`);
    this.name = "FilterPatternError";
  }
}

/** Throws FilterPatternError for a pattern longer than MAX_FILTER_PATTERN_LENGTH or one that is no pattern. */
export function compileFilterPattern(source: string): FilterPattern {
  if (source.length > MAX_FILTER_PATTERN_LENGTH) {
    throw new FilterPatternError(source, `is ${source.length} characters long; at most ${MAX_FILTER_PATTERN_LENGTH} are read`);
  }
  const negated = source.startsWith("!");
  try {
    return { source, negated, regex: toRegex(negated ? source.slice(1) : source) };
  } catch (error) {
    if (error instanceof SyntaxError) throw new FilterPatternError(source, "is not a valid filter pattern");
    throw error;
  }
}

/** Whether the list selects `name`: the last pattern matching it decides; no match at all is "not selected". */
export function filterSelects(patterns: readonly FilterPattern[], name: string): boolean {
  let selected = false;
  for (const pattern of patterns) {
    if (pattern.regex.test(name)) selected = !pattern.negated;
  }
  return selected;
}

/** `**`, `**\/*` and `**\/**` match every path there is. */
function matchesEverything(pattern: FilterPattern): boolean {
  const body = pattern.negated ? pattern.source.slice(1) : pattern.source;
  return body === "**" || body === "**/*" || body === "**/**";
}

/**
 * Whether the list can select no path at all, whatever a commit changes: it has no positive pattern, or a
 * later `!**` takes back everything. Anything less certain is "it may", since the changed files are unknown.
 */
export function selectsNoPath(patterns: readonly FilterPattern[]): boolean {
  let anyPositive = false;
  for (const pattern of patterns) {
    if (!pattern.negated) anyPositive = true;
    else if (matchesEverything(pattern)) anyPositive = false;
  }
  return !anyPositive;
}

/** Whether the list selects every path there is: a `**` that no later `!` pattern narrows. */
export function selectsEveryPath(patterns: readonly FilterPattern[]): boolean {
  let every = false;
  for (const pattern of patterns) {
    if (pattern.negated) every = false;
    else if (matchesEverything(pattern)) every = true;
  }
  return every;
}
