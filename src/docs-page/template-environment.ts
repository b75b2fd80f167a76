// One private Handlebars environment: strict, unescaped (Markdown, not HTML), with the Markdown-safe helpers.
import Handlebars from "handlebars";
import { codeSpan, markdownLink, markdownText } from "./markdown-text.js";
import { TemplateError } from "./template-error.js";
import { paramNamesOf, spanKey, type NodeSpan, type ParamNames } from "./template-fields.js";

const environment = Handlebars.create();

interface HelperCall {
  readonly loc?: NodeSpan;
}

/** Thrown by helpers; carries Handlebars' position fields, plus which parameter was missing when one was. */
class HelperFailure extends Error {
  readonly lineNumber: number | undefined;
  readonly column: number | undefined;

  constructor(
    message: string,
    readonly call: HelperCall,
    readonly missingParam: number | null = null,
  ) {
    super(message);
    this.lineNumber = call.loc?.start.line;
    this.column = call.loc?.start.column;
  }
}

// Handlebars' strict mode checks `{{field}}` but not helper parameters (`{{cell field}}`, `{{#if field}}`):
// a missing field arrives as `undefined`. Context builders use null for "no value", so undefined means a typo.
function presentParams(name: string, args: readonly unknown[]): { call: HelperCall; params: unknown[] } {
  const call = args[args.length - 1] as HelperCall;
  const params = args.slice(0, -1);
  const missing = params.indexOf(undefined);
  if (missing >= 0) throw new HelperFailure(`helper "${name}" was given a field that is not in the render context`, call, missing);
  return { call, params };
}

// A number or boolean from the context is shown as written; anything else is a template mistake worth stopping on.
function asText(value: unknown, name: string, call: HelperCall): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new HelperFailure(`helper "${name}" needs text, got ${value === null ? "null" : typeof value}`, call);
}

function registerTextHelper(name: string, arity: number, format: (...texts: string[]) => string): void {
  environment.registerHelper(name, (...args: unknown[]) => {
    const { call, params } = presentParams(name, args);
    if (params.length !== arity) throw new HelperFailure(`helper "${name}" takes ${arity} argument(s), got ${params.length}`, call);
    return format(...params.map((param) => asText(param, name, call)));
  });
}

registerTextHelper("cell", 1, markdownText);
registerTextHelper("code", 1, codeSpan);
registerTextHelper("link", 2, markdownLink);

// `log` writes to the bot's own log (a template could forge log lines) and `lookup` reads fields by computed name;
// no shipped template uses either, so a template from the docs repository cannot either. Handlebars' own block on
// `constructor`, `__proto__` and other prototype fields stays on (we never pass allowProto* runtime options).
environment.unregisterHelper("log");
environment.unregisterHelper("lookup");

/** Characters one render may produce; the largest real page block is a few KB, a PR body a few tens of KB. */
export const TEMPLATE_OUTPUT_LIMIT = 1_000_000;

// The output metre of the render in progress. Rendering is synchronous, so one module-level slot is enough.
let charged: number | null = null;

// `each` is the only helper that multiplies output: every iteration's text is charged (nested loops charge the
// inner text again at each level, which only makes the limit stricter), plus one per iteration so empty bodies
// count too. The render stops at the first iteration over the limit instead of building the whole string.
function metered(options: { fn: (context: unknown, frame?: unknown) => string }, call: HelperCall) {
  return {
    ...options,
    fn: (context: unknown, frame?: unknown) => {
      const text = options.fn(context, frame);
      if (charged !== null) {
        charged += text.length + 1;
        if (charged > TEMPLATE_OUTPUT_LIMIT) {
          throw new HelperFailure(`the template produces more than ${TEMPLATE_OUTPUT_LIMIT.toLocaleString("en-US")} characters`, call);
        }
      }
      return text;
    },
  };
}

for (const name of ["if", "unless", "each", "with"]) {
  const builtin = environment.helpers[name] as (this: unknown, ...args: unknown[]) => unknown;
  environment.registerHelper(name, function (this: unknown, ...args: unknown[]) {
    const { call } = presentParams(name, args);
    if (name !== "each") return builtin.apply(this, args);
    const options = args[args.length - 1] as Parameters<typeof metered>[0];
    return builtin.apply(this, [...args.slice(0, -1), metered(options, call)]);
  });
}

interface HandlebarsPosition {
  readonly lineNumber?: number;
  readonly column?: number;
}

interface TokenLocation {
  readonly first_line: number;
  readonly first_column: number;
}

// The jison parser throws a bare Error; its lexer still holds the offending token's position right after the
// synchronous throw, so reading it here is safe and is the only way to get a column for parse errors.
function parsePosition(message: string): { line: number; col: number } | null {
  const line = /(?:Parse|Lexical) error on line (\d+)/.exec(message)?.[1];
  if (line === undefined) return null;
  const parser = (environment as unknown as { Parser?: { lexer?: { yylloc?: TokenLocation } } }).Parser;
  const loc = parser?.lexer?.yylloc;
  const col = loc && loc.first_line === Number(line) ? loc.first_column + 1 : 1;
  return { line: Number(line), col };
}

// Jison's message spans lines (context, a caret, the expected tokens); one line with the context is enough.
function firstLine(message: string): string {
  const lines = message.split("\n");
  if (/^Parse error on line/.test(lines[0] ?? "")) {
    const got = /got '([^']+)'$/.exec(message)?.[1];
    return `cannot parse the template near "${(lines[1] ?? "").trim()}"${got ? ` (unexpected ${got})` : ""}`;
  }
  return (lines[0] ?? message).replace(/ - \d+:\d+$/, "");
}

interface MissingField {
  readonly name: string;
  /** 1-based, where the template names the field. */
  readonly line: number;
  readonly col: number;
}

// Strict mustache errors name the field in their message; helper failures are matched to the call's AST node.
function missingFieldOf(error: unknown, message: string, params: ParamNames): MissingField | null {
  if (error instanceof HelperFailure) {
    if (error.missingParam === null || !error.call.loc) return null;
    const param = params.get(spanKey(error.call.loc))?.[error.missingParam];
    const start = param?.start ?? error.call.loc.start;
    return param?.name ? { name: param.name, line: start.line, col: start.column + 1 } : null;
  }
  const name = /^"([^"]+)" not defined in/.exec(message)?.[1];
  const position = error as HandlebarsPosition;
  if (name === undefined || position.lineNumber === undefined || position.column === undefined) return null;
  return { name, line: position.lineNumber, col: position.column + 1 };
}

function templateError(error: unknown, file: string, params: ParamNames = new Map()): TemplateError {
  const message = error instanceof Error ? error.message : String(error);
  const missing = missingFieldOf(error, message, params);
  if (missing) {
    const what =
      error instanceof HelperFailure
        ? "not a field of the render context"
        : "neither a field of the render context nor a helper";
    const detail = `"${missing.name}" is ${what} (strict template: a typo?)`;
    return new TemplateError({ file, line: missing.line, col: missing.col }, detail, missing.name);
  }
  const position = error as HandlebarsPosition;
  const parsed = parsePosition(message);
  const line = parsed?.line ?? position.lineNumber ?? 1;
  const col = parsed?.col ?? (position.column === undefined ? 1 : position.column + 1);
  return new TemplateError({ file, line, col }, firstLine(message));
}

export type CompiledTemplate = (context: unknown) => string;

/** Parses at once, so a broken template fails before any rendering; `file` names the template in errors. */
export function compileTemplate(text: string, file: string): CompiledTemplate {
  let render: HandlebarsTemplateDelegate;
  let params: ParamNames;
  try {
    const program = environment.parse(text);
    params = paramNamesOf(program);
    render = environment.compile(program, { noEscape: true, strict: true, knownHelpers: { log: false, lookup: false } });
  } catch (error) {
    throw templateError(error, file);
  }
  return (context) => {
    const outer = charged;
    charged = 0;
    try {
      const output = render(context);
      if (output.length > TEMPLATE_OUTPUT_LIMIT) {
        const detail = `the template produces more than ${TEMPLATE_OUTPUT_LIMIT.toLocaleString("en-US")} characters`;
        throw new TemplateError({ file, line: 1, col: 1 }, detail);
      }
      return output;
    } catch (error) {
      throw error instanceof TemplateError ? error : templateError(error, file, params);
    } finally {
      charged = outer;
    }
  };
}

/** Compiles and renders in one go: the shape callers with a fetched template text want. */
export function renderTemplate(text: string, context: unknown, file: string): string {
  return compileTemplate(text, file)(context);
}
