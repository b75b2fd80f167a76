// The bot's HTTP front: a size-capped webhook endpoint around Probot's middleware, /healthz, /readyz, /metrics, graceful stop.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, type ApplicationFunction, type Logger, type Probot } from "probot";
import { metricsExposition, recordDelivery, type BotMetrics } from "./metrics.js";
import type { ReadinessState } from "./readiness.js";

export interface HttpServerOptions {
  readonly probot: Probot;
  readonly appFn: ApplicationFunction;
  readonly webhookPath: string;
  /** Larger webhook bodies are refused with 413 and never reach Probot. */
  readonly bodyLimitBytes: number;
  readonly metrics: BotMetrics;
  /** What /readyz reports besides draining; always ready when absent. */
  readonly readiness?: ReadinessState;
  /** Defaults to the Probot instance's logger. */
  readonly log?: Logger;
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
  /** Resolves with the bound port (useful with port 0). */
  start(address: ListenAddress): Promise<number>;
  /** Keeps listening but answers 503 to deliveries, /healthz and /readyz (so load balancers and probes see the drain). */
  drain(): void;
  /** Stops accepting connections, answers 503 to what still arrives, resolves once closed. */
  stop(options?: StopOptions): Promise<void>;
  readonly draining: boolean;
}

type BodyRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: "too-large" | "aborted" };

/** @octokit/webhooks reads a string `body` instead of the stream when one is present. */
type PreparsedRequest = IncomingMessage & { body?: string };

export async function createHttpServer(options: HttpServerOptions): Promise<BotHttpServer> {
  const { probot, metrics, bodyLimitBytes } = options;
  const log = options.log ?? probot.log;
  const webhookPath = withoutTrailingSlash(options.webhookPath);
  const probotMiddleware = await createNodeMiddleware(options.appFn, { probot, webhooksPath: webhookPath });
  let draining = false;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, "HTTP request failed");
      if (!res.headersSent) respond(res, 500, { error: "internal error" });
      else res.destroy();
    });
  });

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
    if (req.method === "GET" && path === "/metrics") {
      const exposition = await metricsExposition(metrics);
      res.writeHead(200, { "content-type": exposition.contentType }).end(exposition.body);
      return;
    }
    respond(res, 404, { error: "not found" });
  }

  async function receiveDelivery(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const event = headerOf(req, "x-github-event") ?? "unknown";
    const deliveryLog = log.child({ deliveryId: headerOf(req, "x-github-delivery"), event });
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

    const body = await readBody(req, bodyLimitBytes);
    if (!body.ok) {
      if (body.reason === "too-large") return refuseTooLarge(res);
      return; // The sender went away; nobody is left to answer.
    }
    // Decided when the body is complete: a delivery we could no longer hand to the queue is refused.
    if (draining) return respond(res, 503, { error: "shutting down" }, true);
    (req as PreparsedRequest).body = body.text;
    await probotMiddleware(req, res, () => respond(res, 404, { error: "not found" }));
  }

  function refuseTooLarge(res: ServerResponse): void {
    respond(res, 413, { error: `webhook body larger than ${bodyLimitBytes} bytes` }, true);
  }

  return {
    get draining() {
      return draining;
    },
    drain: () => {
      draining = true;
    },
    start: (address) =>
      new Promise<number>((resolve, reject) => {
        server.once("error", reject);
        server.listen(address.port, address.host, () => {
          server.off("error", reject);
          const { port } = server.address() as AddressInfo;
          log.info(`listening on ${address.host ?? "all interfaces"}:${port}, webhooks at ${webhookPath}`);
          resolve(port);
        });
      }),
    stop: ({ graceMs = 10_000 } = {}) => {
      draining = true;
      return new Promise<void>((resolve, reject) => {
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close((error) => {
          clearTimeout(cut);
          if (error && (error as NodeJS.ErrnoException).code !== "ERR_SERVER_NOT_RUNNING") reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
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
