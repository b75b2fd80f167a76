// The HTTP front: node:http on 127.0.0.1, /api/v3 routing, holds, faults, auth, rate limits, ETags, call log.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { requirePermission, resolveCaller, visibleRepo, type Caller } from "./auth.js";
import type { CallLog } from "./call-log.js";
import type { Faults } from "./faults.js";
import { bucketKey, type RateLimits } from "./rate-limit.js";
import {
  HttpError,
  errorBody,
  notFound,
  templateName,
  type ApiRequest,
  type MatchedRoute,
  type Reply,
  type RouteContext,
  type RouteTable,
} from "./router.js";
import type { Repo, World } from "./world.js";

export const apiPrefix = "/api/v3";

export interface ServerParts {
  world: World;
  routes: RouteTable;
  log: CallLog;
  faults: Faults;
  limits: RateLimits;
}

interface Outcome {
  status: number;
  headers: Record<string, string>;
  body: string | null;
  fault: boolean;
  consumed: boolean;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function requestId(): string {
  const hex = (n: number): string => randomBytes(n).toString("hex").toUpperCase();
  return `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}`;
}

function parseJson(raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HttpError(400, errorBody(400, "Problems parsing JSON"));
  }
}

function etagOf(body: string): string {
  return `W/"${createHash("sha256").update(body).digest("hex")}"`;
}

function callerKind(caller: Caller | null): "app" | "installation" | "anonymous" | "invalid" {
  return caller ? caller.kind : "invalid";
}

function lazyRepo(world: World, caller: Caller, match: MatchedRoute): () => Repo {
  let repo: Repo | undefined;
  return () => {
    repo ??= visibleRepo(world, caller, match.params.owner as string, match.params.repo as string);
    return repo;
  };
}

async function runRoute(parts: ServerParts, match: MatchedRoute, caller: Caller, req: ApiRequest): Promise<Reply> {
  const { world, limits } = parts;
  const repoOf = lazyRepo(world, caller, match);
  const isRepoRoute = match.route.template.startsWith("/repos/{owner}/{repo}") && match.route.auth === "installation";
  if (isRepoRoute) repoOf();
  if (match.route.permission) requirePermission(caller, ...match.route.permission);
  const ctx: RouteContext = {
    world,
    req,
    params: match.params,
    caller,
    get repo() {
      return repoOf();
    },
    rate: limits.bucket(bucketKey(caller)),
  };
  return match.route.handler(ctx);
}

function replyOutcome(reply: Reply, method: string, ifNoneMatch: string | undefined): Outcome {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let body: string | null = null;
  if (reply.text !== undefined) body = reply.text;
  else if (reply.body !== undefined) body = JSON.stringify(reply.body);
  headers["content-type"] ??= "application/json; charset=utf-8";
  if (method === "GET" && reply.status === 200 && body !== null) {
    const etag = etagOf(body);
    headers.etag = etag;
    headers["cache-control"] = "private, max-age=60, s-maxage=60";
    // A matching If-None-Match is a 304 with no body, and (as on GitHub) costs no rate limit.
    if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag)) {
      return { status: 304, headers: { etag, "cache-control": headers["cache-control"] }, body: null, fault: false, consumed: false };
    }
  }
  return { status: reply.status, headers, body, fault: false, consumed: true };
}

function errorOutcome(e: unknown): Outcome {
  if (e instanceof HttpError) {
    return { status: e.status, headers: { "content-type": "application/json; charset=utf-8", ...e.headers }, body: JSON.stringify(e.body), fault: false, consumed: true };
  }
  const message = e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e);
  return { status: 500, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(errorBody(500, `simulator error: ${message}`)), fault: false, consumed: true };
}

function rateLimited(world: World, caller: Caller): HttpError {
  const who = caller.kind === "installation" ? ` for installation ID ${caller.installation.id}` : "";
  return new HttpError(403, errorBody(403, `API rate limit exceeded${who}.`, {}), {});
}

async function decide(parts: ServerParts, match: MatchedRoute | undefined, caller: Caller, req: ApiRequest, facts: { method: string; route: string | null; path: string }): Promise<Outcome> {
  const fault = parts.faults.pick(facts);
  if (fault) {
    const body = fault.body === undefined ? null : typeof fault.body === "string" ? fault.body : JSON.stringify(fault.body);
    return { status: fault.status, headers: { "content-type": "application/json; charset=utf-8", ...(fault.headers ?? {}) }, body, fault: true, consumed: false };
  }
  const isRateLimitRoute = match?.name === "GET /rate_limit";
  if (!isRateLimitRoute && parts.limits.exhausted(bucketKey(caller))) return errorOutcome(rateLimited(parts.world, caller));
  if (!match) return errorOutcome(notFound());
  try {
    const reply = await runRoute(parts, match, caller, req);
    const ifNoneMatch = req.headers["if-none-match"];
    const outcome = replyOutcome(reply, req.method, typeof ifNoneMatch === "string" ? ifNoneMatch : undefined);
    if (isRateLimitRoute) outcome.consumed = false;
    return outcome;
  } catch (e) {
    return errorOutcome(e);
  }
}

async function handle(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = (req.method ?? "GET").toUpperCase();
  const rawBody = await readBody(req);
  const path = url.pathname.startsWith(apiPrefix) ? url.pathname.slice(apiPrefix.length) || "/" : url.pathname;
  const match = url.pathname.startsWith(apiPrefix) ? parts.routes.match(method, path) : undefined;
  const facts = { method, route: match ? templateName(match.route.template) : null, path };
  await parts.faults.wait(facts);

  let caller: Caller | null = null;
  let outcome: Outcome;
  try {
    caller = resolveCaller(parts.world, req.headers);
    const parsed = parseJson(rawBody);
    const body = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    const apiReq: ApiRequest = { method, path, query: url.searchParams, headers: req.headers, body, rawBody: parsed };
    outcome = await decide(parts, match, caller, apiReq, facts);
  } catch (e) {
    outcome = errorOutcome(e);
  }
  const key = bucketKey(caller ?? { kind: "anonymous" });
  if (outcome.consumed) parts.limits.consume(key);
  const id = requestId();
  const headers: Record<string, string> = {
    ...parts.limits.headers(key),
    // From the simulator's clock, so @octokit/auth-app's clock-skew correction sees the simulated time.
    date: new Date(parts.world.now()).toUTCString(),
    "x-github-request-id": id,
    "x-github-api-version-selected": "2022-11-28",
    "x-github-media-type": "github.v3; format=json",
    vary: "Accept, Authorization, Cookie, X-GitHub-OTP",
    ...outcome.headers,
  };
  parts.log.add({
    method,
    route: match ? match.name : `${method} ${path}`,
    known: match !== undefined,
    path: `${path}${url.search}`,
    status: outcome.status,
    conditional: req.headers["if-none-match"] !== undefined,
    auth: callerKind(caller),
    installationId: caller?.kind === "installation" ? caller.installation.id : null,
    token: caller?.kind === "installation" ? caller.token.token : null,
    requestId: id,
    fault: outcome.fault,
    at: parts.world.now(),
    ms: performance.now() - started,
    // Kept so a test can read everything the app wrote (e.g. that no link names another server).
    body: method === "GET" || method === "HEAD" ? null : rawBody,
  });
  res.writeHead(outcome.status, headers);
  res.end(outcome.body ?? undefined);
  parts.world.changed("request");
}

export interface RunningServer {
  server: Server;
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 with a random port. */
export async function startServer(parts: ServerParts): Promise<RunningServer> {
  const server = createServer((req, res) => {
    handle(parts, req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `simulator error: ${String(e)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        parts.faults.clear();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
