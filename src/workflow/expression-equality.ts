// GitHub's expression `==`, which is how include and exclude entries are compared with matrix values.
//
// MatrixBuilder.MatrixFilter (actions/runner src/Sdk/WorkflowParser/Conversion/MatrixBuilder.cs) turns every
// leaf of an include/exclude entry into the expression `matrix[...] == <literal>`. The operator itself is
// taken from GitHub's own TypeScript expression engine, @actions/expressions (`equals` in its result.ts):
// loose equality like JavaScript's, strings compared ignoring case with GitHub's rule (the dotless `ı` is
// never upper-cased, so `'ı' == 'I'` is false), objects never coerced. Its number coercion is JavaScript's
// Number(), which runs in linear time, so a 40,000-digit image name costs no more than reading it.
import { data } from "@actions/expressions";
import { equals } from "@actions/expressions/result";
import type { MatrixValue } from "./matrix-types.js";

export function expressionEquals(left: MatrixValue, right: MatrixValue): boolean {
  // Objects and arrays are equal only as the same instance (the engine compares references).
  if (isCollection(left) && isCollection(right)) return left === right;
  return equals(toExpressionData(left), toExpressionData(right));
}

function isCollection(value: MatrixValue): boolean {
  return typeof value === "object" && value !== null;
}

/** Only a scalar's kind and value matter to `equals`; a collection is compared by kind only here. */
function toExpressionData(value: MatrixValue): data.ExpressionData {
  if (value === null) return new data.Null();
  if (typeof value === "boolean") return new data.BooleanData(value);
  if (typeof value === "number") return new data.NumberData(value);
  if (typeof value === "string") return new data.StringData(value);
  return Array.isArray(value) ? new data.Array() : new data.Dictionary();
}
