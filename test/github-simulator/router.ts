// Route table plumbing: templated routes, request context, GitHub-style errors, pagination.
import type { Caller } from "./auth.js";
import type { RateBucket } from "./rate-limit.js";
import type { AccessLevel, Repo, World } from "./world.js";

export interface ApiRequest {
  method: string;
  /** Path below /api/v3, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body when it is an object ({} otherwise). */
  body: Record<string, unknown>;
  /** The parsed JSON body as sent (an array for some legacy forms), or undefined. */
  rawBody: unknown;
}

export interface RouteContext {
  world: World;
  req: ApiRequest;
  params: Record<string, string>;
  caller: Caller;
  /** The repository of a /repos/{owner}/{repo} route, already checked to be visible to the caller. */
  repo: Repo;
  /** The caller's primary rate limit window. */
  rate: RateBucket;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A non-JSON body (e.g. raw file content). */
  text?: string;
}

/** Who may call a route: the app itself (JWT), an installation token, or either/nobody. */
export type RouteAuth = "app" | "installation" | "public";

export interface Route {
  method: string;
  /** Octokit-style template; a `*` suffix (`{path*}`) makes a parameter take the rest of the path. */
  template: string;
  auth: RouteAuth;
  /** The installation permission the route needs, as GitHub checks it. */
  permission?: [string, AccessLevel];
  handler: (ctx: RouteContext) => Reply | Promise<Reply>;
}

export interface MatchedRoute {
  route: Route;
  params: Record<string, string>;
  /** "METHOD /template" as recorded in the call log. */
  name: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message ?? status));
  }
}

const docs = "https://docs.github.com/rest";

export function errorBody(status: number, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { message, ...extra, documentation_url: docs, status: String(status) };
}

export function notFound(): HttpError {
  return new HttpError(404, errorBody(404, "Not Found"));
}

/** 422 with a bare message (git data API style). */
export function unprocessable(message: string): HttpError {
  return new HttpError(422, errorBody(422, message));
}

export interface FieldError {
  resource: string;
  code: string;
  field?: string;
  message?: string;
}

/** 422 "Validation Failed" with an `errors` list. */
export function validationFailed(...errors: FieldError[]): HttpError {
  return new HttpError(422, errorBody(422, "Validation Failed", { errors }));
}

export function forbidden(message: string, headers: Record<string, string> = {}): HttpError {
  return new HttpError(403, errorBody(403, message), headers);
}

export function templateName(template: string): string {
  return template.replace(/\*\}/g, "}");
}

function compile(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template.replace(/[.]/g, "\\.").replace(/\{(\w+)(\*?)\}/g, (_m, name: string, greedy: string) => {
    names.push(name);
    return greedy ? "(.+)" : "([^/]+)";
  });
  return { regex: new RegExp(`^${source}/?$`), names };
}

export class RouteTable {
  private readonly compiled: Array<{ route: Route; regex: RegExp; names: string[] }> = [];

  add(...routes: Route[]): void {
    for (const route of routes) this.compiled.push({ route, ...compile(route.template) });
  }

  match(method: string, path: string): MatchedRoute | undefined {
    for (const c of this.compiled) {
      if (c.route.method !== method) continue;
      const m = c.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1] ?? "");
      });
      return { route: c.route, params, name: `${method} ${templateName(c.route.template)}` };
    }
    return undefined;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  return typeof v === "string" ? v : undefined;
}

export function requireString(body: Record<string, unknown>, name: string, resource: string): string {
  const v = stringField(body, name);
  if (v === undefined) throw validationFailed({ resource, code: "missing_field", field: name });
  return v;
}

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

/** GitHub pagination: per_page (default 30, at most 100), page (from 1), and a `link` header. */
export function paginate<T>(ctx: RouteContext, items: T[]): Page<T> {
  const perPage = Math.min(100, Math.max(1, Number(ctx.req.query.get("per_page") ?? 30) || 30));
  const page = Math.max(1, Number(ctx.req.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const url = (p: number): string => {
    const q = new URLSearchParams(ctx.req.query);
    q.set("per_page", String(perPage));
    q.set("page", String(p));
    return `<${ctx.world.urls.api}${ctx.req.path}?${q.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${url(page - 1)}; rel="prev"`);
  if (page < last) links.push(`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`);
  if (page > 1) links.push(`${url(1)}; rel="first"`);
  return { items: slice, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

export function ok(body: unknown, headers: Record<string, string> = {}): Reply {
  return { status: 200, body, headers };
}

export function created(body: unknown, location?: string): Reply {
  return { status: 201, body, headers: location ? { location } : {} };
}

export function noContent(): Reply {
  return { status: 204 };
}

export function pageReply<T>(ctx: RouteContext, items: T[]): Reply {
  const page = paginate(ctx, items);
  return ok(page.items, page.headers);
}
