// GitHub's expression `==`, which is how include and exclude entries are compared with matrix values.
//
// MatrixBuilder.MatrixFilter (actions/runner src/Sdk/WorkflowParser/Conversion/MatrixBuilder.cs) turns every
// leaf of an include/exclude entry into the expression `matrix[...] == <literal>`; that operator is
// EvaluationResult.AbstractEqual (src/Sdk/DTExpressions2/Expressions2/EvaluationResult.cs): loose equality
// like JavaScript's, except that strings compare ignoring case and objects are never coerced. GitHub's docs
// ("Evaluate expressions in workflows and actions", Operators) state the same rules. So `"true"` never
// equals `true` (NaN vs 1), but `"1.0"` equals `1` and `"Ubuntu"` equals `"ubuntu"`.
import type { MatrixValue } from "./matrix-types.js";

type Kind = "null" | "boolean" | "number" | "string" | "object";

function kindOf(value: MatrixValue): Kind {
  if (value === null) return "null";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  return "object";
}

export function expressionEquals(left: MatrixValue, right: MatrixValue): boolean {
  const [l, r] = coerce(left, right);
  const kind = kindOf(l);
  if (kind !== kindOf(r)) return false;
  switch (kind) {
    case "null":
      return true;
    case "number":
      // NaN never equals anything, which `===` already gives.
      return l === r;
    case "string":
      return equalsIgnoringCase(l as string, r as string);
    case "boolean":
      return l === r;
    default:
      // Objects and arrays are equal only as the same instance.
      return l === r;
  }
}

/** EvaluationResult.CoerceTypes: number/string pairs become numbers; booleans and nulls become numbers first. */
function coerce(left: MatrixValue, right: MatrixValue): [MatrixValue, MatrixValue] {
  const l = kindOf(left);
  const r = kindOf(right);
  if (l === r) return [left, right];
  if (l === "number" && r === "string") return [left, toNumber(right)];
  if (l === "string" && r === "number") return [toNumber(left), right];
  if (l === "boolean" || l === "null") return coerce(toNumber(left), right);
  if (r === "boolean" || r === "null") return coerce(left, toNumber(right));
  return [left, right];
}

function toNumber(value: MatrixValue): number {
  if (value === null) return 0;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  if (typeof value === "string") return parseNumber(value);
  return Number.NaN;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const OCTAL = /^0o[0-7]+$/;
const INT32_MAX = 2 ** 31 - 1;

/** ExpressionUtility.ParseNumber: like JavaScript's Number(), plus `0o` octal; hex and octal only within Int32. */
export function parseNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  if (DECIMAL.test(trimmed)) return Number(trimmed);
  if (HEX.test(trimmed) || OCTAL.test(trimmed)) {
    const integer = Number.parseInt(trimmed.slice(2), trimmed[1] === "x" ? 16 : 8);
    return integer <= INT32_MAX ? integer : Number.NaN;
  }
  if (trimmed === "Infinity") return Number.POSITIVE_INFINITY;
  if (trimmed === "-Infinity") return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}

/** .NET's OrdinalIgnoreCase: code unit by code unit, each compared after simple upper-casing. */
function equalsIgnoringCase(left: string, right: string): boolean {
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i++) {
    const a = left[i] as string;
    const b = right[i] as string;
    if (a !== b && simpleUpper(a) !== simpleUpper(b)) return false;
  }
  return true;
}

function simpleUpper(char: string): string {
  const upper = char.toUpperCase();
  // A character whose upper case is longer (ß → SS) has no simple mapping and stays itself.
  return upper.length === 1 ? upper : char;
}
