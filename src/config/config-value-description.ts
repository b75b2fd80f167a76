// Names what a maintainer wrote in plain words ("a list", "an empty value"), for error messages.

/** `"docs"` → `a string`, `[…]` → `a list`: the kind of value, never its content. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
    case "bigint":
      return "a number";
    case "boolean":
      return String(value);
    case "object":
      return "a mapping";
    default:
      return `a ${typeof value}`;
  }
}

const QUOTED_LIMIT = 60;

/** The value itself, quoted and cut short so a pasted essay does not flood the report. */
export function quoteValue(value: unknown): string {
  if (typeof value !== "string") return describeValue(value);
  const shown = value.length > QUOTED_LIMIT ? `${value.slice(0, QUOTED_LIMIT)}…` : value;
  return JSON.stringify(shown);
}
