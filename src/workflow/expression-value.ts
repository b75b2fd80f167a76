// Evaluates `${{ }}` in a job's `with:` inputs and `if:` for one matrix combination, with GitHub's own expression library.
//
// @actions/expressions is the evaluator of GitHub's Actions language services (actions/languageservices):
// the same operators (`||`, `&&`, `==` ignoring case), coercions and functions (`startsWith`, `format`,
// `contains`, `fromJSON`...) the runner implements, so the bot does not carry a second, drifting copy.
// Only `matrix` and the defaults of a called workflow's `inputs` are known before a run; any other
// context (`needs`, `steps`, `secrets`, `github`, `env`, `vars`, `runner`, `job`...) is not.
import { Evaluator, Lexer, Parser, data, type Expr } from "@actions/expressions";
import { Binary, ContextAccess, FunctionCall, Grouping, IndexAccess, Literal, Logical, Unary } from "@actions/expressions/ast";
import type { Combination, MatrixValue } from "./matrix-types.js";

/** Every named value GitHub's workflow expressions know; the parser rejects any other name. */
const CONTEXTS = ["github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy", "matrix", "needs", "inputs"];

/** A single expression longer than this is refused: a hostile file must not make the bot parse megabytes. */
export const MAX_EXPRESSION_CHARACTERS = 10_000;

export interface ExpressionScope {
  readonly matrix: Combination;
  /** `inputs.<name>` of a workflow_call workflow, for inputs that have a default; absent names are not known. */
  readonly inputs: ReadonlyMap<string, MatrixValue>;
}

export type EvaluatedValue =
  | { readonly known: true; readonly value: MatrixValue }
  /** `reason` names what is missing, e.g. `needs.matrix.outputs.matrix is only known while the workflow runs`. */
  | { readonly known: false; readonly reason: string };

/** Evaluates a value as GitHub would before the job starts; a string without `${{` is returned as is. */
export function evaluateValue(value: MatrixValue, scope: ExpressionScope): EvaluatedValue {
  if (typeof value !== "string" || !value.includes("${{")) return { known: true, value };
  const parts = splitTemplate(value);
  if (parts === null) return { known: false, reason: "the expression is not closed with }}" };
  const single = parts.length === 1 && typeof parts[0] !== "string" ? parts[0] : null;
  if (single) return evaluateExpression(single.expression, scope);
  let text = "";
  for (const part of parts) {
    if (typeof part === "string") {
      text += part;
      continue;
    }
    const result = evaluateExpression(part.expression, scope);
    if (!result.known) return result;
    text += stringOf(result.value);
  }
  return { known: true, value: text };
}

/** `${{ x }}` alone keeps its type (a boolean stays a boolean); inside text, each result becomes text. */
function stringOf(value: MatrixValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  return JSON.stringify(value);
}

type TemplatePart = string | { readonly expression: string };

/** Splits `a-${{ matrix.x }}-b` into text and expressions; `}}` inside a '…' string literal does not close one. */
function splitTemplate(text: string): TemplatePart[] | null {
  const parts: TemplatePart[] = [];
  let rest = text;
  for (;;) {
    const start = rest.indexOf("${{");
    if (start < 0) break;
    if (start > 0) parts.push(rest.slice(0, start));
    const end = closingBraces(rest, start + 3);
    if (end < 0) return null;
    parts.push({ expression: rest.slice(start + 3, end) });
    rest = rest.slice(end + 2);
  }
  if (rest !== "") parts.push(rest);
  return parts;
}

function closingBraces(text: string, from: number): number {
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "'") inString = !inString;
    else if (!inString && c === "}" && text[i + 1] === "}") return i;
  }
  return -1;
}

function evaluateExpression(source: string, scope: ExpressionScope): EvaluatedValue {
  if (source.length > MAX_EXPRESSION_CHARACTERS) {
    return { known: false, reason: `the expression is longer than ${MAX_EXPRESSION_CHARACTERS} characters` };
  }
  let tree: Expr;
  try {
    tree = new Parser(new Lexer(source).lex().tokens, CONTEXTS, []).parse();
  } catch (error) {
    return { known: false, reason: `GitHub cannot parse the expression: ${(error as Error).message}` };
  }
  const runtime = runtimeReference(tree, scope);
  if (runtime !== null) return { known: false, reason: `${runtime} is only known while the workflow runs` };
  const context = new data.Dictionary(
    { key: "matrix", value: toExpressionData(scope.matrix) },
    { key: "inputs", value: toExpressionData(Object.fromEntries(scope.inputs)) },
  );
  try {
    const result = new Evaluator(tree, context).evaluate();
    return { known: true, value: JSON.parse(JSON.stringify(result, data.replacer)) as MatrixValue };
  } catch (error) {
    return { known: false, reason: `GitHub cannot evaluate the expression: ${(error as Error).message}` };
  }
}

function toExpressionData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value), data.reviver) as data.ExpressionData;
}

/**
 * The first context reference that only a running workflow knows, e.g. `needs.build.outputs.x`, or
 * `inputs.arch` when the called workflow gives `arch` no default; null when the value is static.
 */
function runtimeReference(tree: Expr, scope: ExpressionScope): string | null {
  const stack: Expr[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Expr;
    const access = contextOf(node);
    if (access !== null) {
      const known = access.context === "matrix" || (access.context === "inputs" && access.key !== null && scope.inputs.has(access.key));
      if (known) {
        // `matrix[inputs.x]`: the key itself may need a running workflow.
        if (node instanceof IndexAccess) stack.push(node.index);
        continue;
      }
      return access.key === null ? access.context : `${access.context}.${access.key}`;
    }
    stack.push(...childrenOf(node));
  }
  return null;
}

function childrenOf(node: Expr): Expr[] {
  if (node instanceof Unary) return [node.expr];
  if (node instanceof Binary) return [node.left, node.right];
  if (node instanceof Logical || node instanceof FunctionCall) return node.args;
  if (node instanceof Grouping) return [node.group];
  if (node instanceof IndexAccess) return [node.expr, node.index];
  return [];
}

/** `inputs.arch` parses as an index access on the `inputs` context with the literal key `arch`. */
function contextOf(node: Expr): { context: string; key: string | null } | null {
  if (node instanceof ContextAccess) return { context: node.name.lexeme, key: null };
  if (node instanceof IndexAccess && node.expr instanceof ContextAccess) {
    const key = node.index instanceof Literal ? node.index.literal.coerceString() : null;
    return { context: node.expr.name.lexeme, key };
  }
  return null;
}
