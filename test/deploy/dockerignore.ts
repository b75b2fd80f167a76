// Decides whether a path reaches the Docker build context, following .dockerignore's rules (last matching line wins, `!` re-includes, a match on a folder covers what is inside it).

interface Rule {
  readonly pattern: string;
  readonly negated: boolean;
  readonly regex: RegExp;
}

function toRegex(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (pattern.startsWith("**/", i)) {
      source += "(?:.*/)?";
      i += 2;
    } else if (pattern.startsWith("**", i)) {
      source += ".*";
      i += 1;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** Patterns are cleaned as Docker cleans them: no leading `/` or `./`, no trailing `/`. */
function clean(pattern: string): string {
  return pattern.trim().replace(/^\.?\//, "").replace(/\/+$/, "");
}

export function parseDockerignore(text: string): Rule[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const negated = line.startsWith("!");
      const pattern = clean(negated ? line.slice(1) : line);
      return { pattern, negated, regex: toRegex(pattern) };
    });
}

/** True when the file at `path` (relative to the context, `/`-separated) is left out of the build context. */
export function isExcluded(rules: readonly Rule[], path: string): boolean {
  const parts = clean(path).split("/");
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  let excluded = false;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.regex.test(candidate))) excluded = !rule.negated;
  }
  return excluded;
}
