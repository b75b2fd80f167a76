// How a job and its values read in messages: `{platform: amd64, base_image: ubuntu:22.04, fips: true}`.
import type { Combination, MatrixValue } from "./matrix-types.js";

/** Strings YAML's core schema would read as something else (true, 1.10, null, ...), which must be quoted to stay strings. */
const NOT_A_PLAIN_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?\d+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** A job's values in YAML flow style, keys in the job's order; a string is quoted only when it would read as another type. */
export function describeJob(values: Combination): string {
  return formatMatrixValue(values);
}

/** One value as a maintainer would write it: `rpi4`, `true`, `"true"`, `1.24`, `[1, 2]`. */
export function formatMatrixValue(value: MatrixValue): string {
  if (typeof value === "string") return formatString(value);
  if (value === null) return "null";
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return `[${(value as readonly MatrixValue[]).map(formatMatrixValue).join(", ")}]`;
  const pairs = Object.entries(value as Record<string, MatrixValue>).map(
    ([key, v]) => `${formatString(key)}: ${formatMatrixValue(v)}`,
  );
  return `{${pairs.join(", ")}}`;
}

/** `key=value`, as in "that job now runs with model=rpi4". */
export function formatSetting(key: string, value: MatrixValue): string {
  return `${key}=${formatMatrixValue(value)}`;
}

function formatString(text: string): string {
  const ambiguous = text === "" || NOT_A_PLAIN_STRING.test(text) || /^\s|\s$|[,{}[\]]|: |^[&*!|>'"%@`#-]/.test(text);
  return ambiguous ? JSON.stringify(text) : text;
}
