// The bot's HTTP front: webhooks verified before anything else, /healthz, /readyz, /metrics, timeouts, graceful stop.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApplicationFunction, Logger, Probot } from "probot";
import { knownEventName, metricsExposition, recordDelivery, type BotMetrics } from "./metrics.js";
import type { ReadinessState } from "./readiness.js";
import { payloadProblem } from "./webhook-payloads.js";

export interface HttpServerOptions {
  readonly probot: Probot;
  readonly appFn: ApplicationFunction;
  readonly webhookPath: string;
  /** Larger webhook bodies are refused with 413 and never reach Probot. */
  readonly bodyLimitBytes: number;
  /** A request (headers and body) must have arrived within this time, or it is answered 408 and closed. */
  readonly requestTimeoutMs?: number;
  readonly metrics: BotMetrics;
  /** Where /metrics is served and who may read it; on the webhook port, to anyone, when absent. */
  readonly metricsAccess?: MetricsAccess;
  /** What /readyz reports besides draining; always ready when absent. */
  readonly readiness?: ReadinessState;
  /** Defaults to the Probot instance's logger. */
  readonly log?: Logger;
}

export interface MetricsAccess {
  /** Serve /metrics only on this port (same host), not on the webhook port; 0 picks a free one. */
  readonly port?: number | undefined;
  /** Answer /metrics only to `Authorization: Bearer <token>`. */
  readonly token?: string | undefined;
}

export interface ListenAddress {
  readonly port: number;
  /** All interfaces when undefined. */
  readonly host?: string | undefined;
}

export interface StopOptions {
  /** How long open connections may take to finish before they are cut. */
  readonly graceMs?: number;
}

export interface BotHttpServer {
  /** Resolves with the bound port (useful with port 0); also starts the metrics port when there is one. */
  start(address: ListenAddress): Promise<number>;
  /** The bound metrics port once started, when /metrics has a port of its own. */
  readonly metricsPort: number | undefined;
  /** Keeps listening but answers 503 to deliveries, /healthz and /readyz (so load balancers and probes see the drain). */
  drain(): void;
  /** Stops accepting connections, answers 503 to what still arrives, resolves once closed. */
  stop(options?: StopOptions): Promise<void>;
  readonly draining: boolean;
}

export const defaultRequestTimeoutMs = 30_000;

type BodyRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: "too-large" | "aborted" };

/** The answer to a delivery, and the log line that says why (never a word of an unverified body). */
interface Refusal {
  readonly status: number;
  readonly error: string;
}

export async function createHttpServer(options: HttpServerOptions): Promise<BotHttpServer> {
  const { probot, metrics, bodyLimitBytes } = options;
  const log = options.log ?? probot.log;
  const webhookPath = withoutTrailingSlash(options.webhookPath);
  const requestTimeoutMs = options.requestTimeoutMs ?? defaultRequestTimeoutMs;
  // Probot's own middleware parses the body before it checks the signature and logs the whole unverified
  // payload twice when the check fails; the app function is loaded here and deliveries go straight to
  // probot.webhooks once verified, so nothing an unsigned sender wrote is parsed, kept or logged.
  await probot.load(options.appFn, {
    cwd: process.cwd(),
    addHandler: () => {
      throw new Error("support-matrix-bot serves no routes of an app function");
    },
  });
  let draining = false;
  const metricsAccess = options.metricsAccess ?? {};
  const separateMetrics = metricsAccess.port !== undefined;
  let metricsPort: number | undefined;
  const metricsServer = separateMetrics
    ? createServer((req, res) => {
        const served = req.method === "GET" && pathnameOf(req.url) === "/metrics";
        (served ? serveMetrics(req, res) : Promise.resolve(respond(res, 404, { error: "not found" }))).catch((error: unknown) => {
          log.error({ err: error }, "metrics request failed");
          if (!res.headersSent) respond(res, 500, { error: "internal error" });
        });
      })
    : undefined;

  const server = createServer(
    {
      // A body that trickles in (or never comes) holds a connection and a buffer: both end at the timeout.
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(requestTimeoutMs, 10_000),
      // Node checks the timeouts only this often (30 s by default), which would let a slow body outlive its timeout.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeoutMs / 4))),
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        log.error({ err: error }, "HTTP request failed");
        if (!res.headersSent) respond(res, 500, { error: "internal error" });
        else res.destroy();
      });
    },
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathnameOf(req.url);
    if (path === webhookPath && req.method === "POST") return receiveDelivery(req, res);
    if (req.method === "GET" && path === "/healthz") {
      return respond(res, draining ? 503 : 200, { status: draining ? "shutting down" : "ok" }, draining);
    }
    if (req.method === "GET" && path === "/readyz") {
      if (draining) return respond(res, 503, { status: "shutting down" }, true);
      const readiness = options.readiness;
      if (readiness && !readiness.ready) return respond(res, 503, { status: "not ready", reason: readiness.reason });
      return respond(res, 200, { status: "ready" });
    }
    if (req.method === "GET" && path === "/metrics" && !separateMetrics) return serveMetrics(req, res);
    respond(res, 404, { error: "not found" });
  }

  async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (metricsAccess.token !== undefined && !bearerMatches(headerOf(req, "authorization"), metricsAccess.token)) {
      res.setHeader("www-authenticate", 'Bearer realm="metrics"');
      return respond(res, 401, { error: "a bearer token is required (METRICS_TOKEN)" });
    }
    const exposition = await metricsExposition(metrics);
    res.writeHead(200, { "content-type": exposition.contentType }).end(exposition.body);
  }

  async function receiveDelivery(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Until the signature is checked, the event name is only a label from a closed list, and the delivery id is
    // logged only when it has the shape of one (GitHub sends a GUID), so an operator can still match GitHub's
    // "Recent Deliveries" page to the refusal.
    const event = knownEventName(headerOf(req, "x-github-event"));
    const deliveryId = headerOf(req, "x-github-delivery");
    let deliveryLog = log.child({ ...(deliveryId && /^[\w-]{1,64}$/.test(deliveryId) ? { deliveryId } : {}), event });
    const started = performance.now();
    res.once("finish", () => {
      const status = res.statusCode;
      if (status >= 400) recordDelivery(metrics, event, status >= 500 && status !== 503 ? "failed" : "rejected");
      const level = status >= 400 ? "warn" : "info";
      deliveryLog[level]({ status, durationMs: Math.round(performance.now() - started) }, "webhook delivery answered");
    });

    if (draining) return respond(res, 503, { error: "shutting down" }, true);
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > bodyLimitBytes) return refuseTooLarge(res);
    const headers = deliveryHeaders(req);
    if ("status" in headers) return refuse(res, headers, true, deliveryLog);

    const body = await readBody(req, bodyLimitBytes);
    if (!body.ok) {
      if (body.reason === "too-large") return refuseTooLarge(res);
      return; // The sender went away; nobody is left to answer.
    }
    if (!(await probot.webhooks.verify(body.text, headers.signature))) {
      return refuse(res, { status: 401, error: "the signature does not match WEBHOOK_SECRET" }, false, deliveryLog);
    }
    deliveryLog = log.child({ deliveryId: headers.id, event: knownEventName(headers.name) });
    // Decided when the body is complete: a delivery we could no longer hand to the queue is refused.
    if (draining) return respond(res, 503, { error: "shutting down" }, true);
    let payload: unknown;
    try {
      payload = JSON.parse(body.text);
    } catch {
      return refuse(res, { status: 400, error: "the body is not JSON" }, false, deliveryLog);
    }
    const problem = payloadProblem(headers.name, payload);
    if (problem) return refuse(res, { status: 400, error: `the ${headers.name} payload lacks what the bot reads: ${problem}` }, false, deliveryLog);
    // @octokit/webhooks runs the app's handlers (ours only enqueue); it logs nothing of the payload itself.
    await probot.webhooks.receive({ id: headers.id, name: headers.name, payload } as Parameters<Probot["webhooks"]["receive"]>[0]);
    respond(res, 200, { ok: true });
  }

  function refuse(res: ServerResponse, refusal: Refusal, closeConnection: boolean, deliveryLog: Logger): void {
    deliveryLog.warn({ status: refusal.status, reason: refusal.error }, "webhook delivery refused");
    respond(res, refusal.status, { error: refusal.error }, closeConnection);
  }

  function refuseTooLarge(res: ServerResponse): void {
    respond(res, 413, { error: `webhook body larger than ${bodyLimitBytes} bytes (WEBHOOK_BODY_LIMIT)` }, true);
  }

  return {
    get draining() {
      return draining;
    },
    get metricsPort() {
      return metricsPort;
    },
    drain: () => {
      draining = true;
    },
    start: async (address) => {
      if (metricsServer) {
        metricsPort = await listen(metricsServer, { port: metricsAccess.port ?? 0, host: address.host });
        log.info(`metrics on ${address.host ?? "all interfaces"}:${metricsPort}/metrics`);
      }
      const port = await listen(server, address);
      log.info(`listening on ${address.host ?? "all interfaces"}:${port}, webhooks at ${webhookPath}`);
      return port;
    },
    stop: async ({ graceMs = 10_000 } = {}) => {
      draining = true;
      await Promise.all([close(server, graceMs), ...(metricsServer ? [close(metricsServer, graceMs)] : [])]);
    },
  };
}

function listen(server: Server, address: ListenAddress): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(address.port, address.host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close((error) => {
      clearTimeout(cut);
      if (error && (error as NodeJS.ErrnoException).code !== "ERR_SERVER_NOT_RUNNING") reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

/** Compares digests in constant time, so the answer's timing says nothing about the token. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return false;
  const digest = (text: string): Buffer => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(match[1] ?? ""), digest(token));
}

interface DeliveryHeaders {
  readonly name: string;
  readonly id: string;
  readonly signature: string;
}

/**
 * The headers GitHub sends with every delivery, checked before the body is read: without a signature there is
 * nothing to verify, so the body is never buffered. See "Webhook events and payloads: Delivery headers",
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers
 */
function deliveryHeaders(req: IncomingMessage): DeliveryHeaders | Refusal {
  const contentType = headerOf(req, "content-type") ?? "";
  if (!/^\s*application\/json\s*(;|$)/i.test(contentType)) {
    return { status: 415, error: 'the content type must be application/json (set it in the app\'s webhook settings)' };
  }
  const signature = headerOf(req, "x-hub-signature-256");
  if (!signature) return { status: 401, error: "no X-Hub-Signature-256 header: deliveries must be signed" };
  const name = headerOf(req, "x-github-event");
  const id = headerOf(req, "x-github-delivery");
  if (!name || !id) return { status: 400, error: "X-GitHub-Event and X-GitHub-Delivery headers are required" };
  return { name, id, signature };
}

/** Buffers the body up to `limit` bytes; past it, stops keeping data and says so. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyRead): void => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on("data", (chunk: Buffer) => {
      if (done) return; // discarding the rest of an oversized body
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ ok: false, reason: "too-large" });
        return;
      }
      chunks.push(chunk);
    });
    req.once("end", () => finish({ ok: true, text: Buffer.concat(chunks).toString("utf8") }));
    req.once("error", () => finish({ ok: false, reason: "aborted" }));
    req.once("close", () => finish({ ok: false, reason: "aborted" }));
  });
}

function respond(res: ServerResponse, status: number, body: object, closeConnection = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...(closeConnection ? { connection: "close" } : {}),
  });
  res.end(text);
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function pathnameOf(url: string | undefined): string {
  try {
    return withoutTrailingSlash(new URL(url ?? "/", "http://localhost").pathname);
  } catch {
    return "";
  }
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}
