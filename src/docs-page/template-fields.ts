// Finds which field a helper call asked for, so a field missing from the context is reported by name.

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface NodeSpan {
  readonly start: Position;
  readonly end: Position;
}

interface TemplateNode {
  readonly type?: unknown;
  readonly loc?: NodeSpan;
  readonly params?: readonly { readonly type?: unknown; readonly original?: unknown; readonly loc?: NodeSpan }[];
}

export interface ParamName {
  /** The path as written (`latest.date`), or null for a literal. */
  readonly name: string | null;
  readonly start: Position | null;
}

/** Helper-call span → its parameters. */
export type ParamNames = ReadonlyMap<string, readonly ParamName[]>;

export function spanKey(span: NodeSpan): string {
  return `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`;
}

function visit(node: unknown, found: Map<string, ParamName[]>): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, found);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const candidate = node as TemplateNode;
  if (candidate.loc && Array.isArray(candidate.params)) {
    const names = candidate.params.map((param) => ({
      name: param.type === "PathExpression" && typeof param.original === "string" ? param.original : null,
      start: param.loc?.start ?? null,
    }));
    found.set(spanKey(candidate.loc), names);
  }
  for (const [key, child] of Object.entries(node)) {
    if (key !== "loc") visit(child, found);
  }
}

/** Walks a parsed Handlebars program once, at compile time. */
export function paramNamesOf(program: unknown): ParamNames {
  const found = new Map<string, ParamName[]>();
  visit(program, found);
  return found;
}
