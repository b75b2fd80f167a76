// Names picked by a `*` wildcard: job ids in `sources[].jobs` and keys in `roles`.

/** `*` matches any run of characters (none included); everything else is literal; case is ignored, as GitHub compares job ids and matrix keys. */
export function matchesNamePattern(pattern: string, name: string): boolean {
  const p = pattern.toLowerCase();
  const n = name.toLowerCase();
  if (!p.includes("*")) return p === n;
  const escaped = p.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`).test(n);
}
