// The HTTP front on a real port: signed deliveries reach Probot, bad or oversized ones do not; health, metrics, stop.
import { createHmac, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpServer, type BotHttpServer, type HttpServerOptions } from "../../src/app/http-server.js";
import { createMetrics, type BotMetrics } from "../../src/app/metrics.js";

const secret = "test-webhook-secret-0123456789";
const webhookPath = "/api/github/webhooks";
const bodyLimitBytes = 4096;

interface Running {
  readonly server: BotHttpServer;
  readonly port: number;
  readonly received: string[];
  readonly metrics: BotMetrics;
  /** Every log line written, Probot's included. */
  readonly logs: string[];
}

let running: Running | undefined;
afterEach(async () => {
  await running?.server.stop({ graceMs: 100 });
  running = undefined;
});

async function startServer(extra: Partial<HttpServerOptions> = {}): Promise<Running> {
  const received: string[] = [];
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const probot = new Probot({ githubToken: "test-token", secret, log: pino({ level: "debug" }, sink) });
  const metrics = createMetrics({ processMetrics: false });
  const server = await createHttpServer({
    probot,
    appFn: (app) => {
      app.onAny(async (context) => {
        received.push(context.id);
      });
    },
    webhookPath,
    bodyLimitBytes,
    metrics,
    ...extra,
  });
  const port = await server.start({ port: 0, host: "127.0.0.1" });
  running = { server, port, received, metrics, logs };
  return running;
}

const pushPayload = {
  ref: "refs/heads/main",
  before: "a".repeat(40),
  after: "b".repeat(40),
  repository: { full_name: "kairos-io/kairos-init", default_branch: "main" },
  commits: [{ id: "b".repeat(40), added: [], removed: [], modified: [".github/workflows/test.yml"] }],
};

function pushBody(padding = 0): string {
  return JSON.stringify({ ...pushPayload, padding: "x".repeat(padding) });
}

function sign(body: string, key = secret): string {
  return `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
}

function deliveryHeaders(body: string, signature = sign(body), event = "push"): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": randomUUID(),
    "x-hub-signature-256": signature,
  };
}

async function deliver(port: number, body: string, signature?: string, event?: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${webhookPath}`, { method: "POST", headers: deliveryHeaders(body, signature, event), body });
}

/** Sends a delivery the way some proxies do: chunked, with no Content-Length to check up front. */
function deliverChunked(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path: webhookPath, method: "POST", headers: { ...deliveryHeaders(body), "transfer-encoding": "chunked" } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Declares a body larger than the limit and sends none of it: the answer must come anyway. */
function declareHugeBody(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: webhookPath,
        method: "POST",
        headers: { ...deliveryHeaders("{}"), "content-length": String(100 * 1024 * 1024) },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on("error", reject);
    req.flushHeaders();
  });
}

describe("webhook deliveries", () => {
  it("hands a correctly signed delivery to the app", async () => {
    const { port, received } = await startServer();
    const body = pushBody();
    const response = await deliver(port, body);
    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it("refuses a bad signature with 401, never runs the handler, and logs nothing of the body", async () => {
    const { port, received, metrics, logs } = await startServer();
    const body = JSON.stringify({ ...pushPayload, marker: "UNVERIFIED-MARKER" });
    const response = await deliver(port, body, sign(body, "not-the-secret"));
    expect(response.status).toBe(401);
    expect(received).toEqual([]);
    expect(await metrics.registry.metrics()).toMatch(/webhook_deliveries_total\{event="push",outcome="rejected"\} 1/);
    expect(logs.join("\n")).toContain("the signature does not match");
    expect(logs.join("\n")).not.toContain("UNVERIFIED-MARKER");
    expect(logs.join("\n")).not.toContain("kairos-init");
  });

  it("refuses a delivery without a signature with 401 before reading its body", async () => {
    const { port, received } = await startServer();
    const body = pushBody();
    const headers: Record<string, string> = deliveryHeaders(body);
    delete headers["x-hub-signature-256"];
    const response = await fetch(`http://127.0.0.1:${port}${webhookPath}`, { method: "POST", headers, body });
    expect(response.status).toBe(401);
    expect(received).toEqual([]);
  });

  it("labels metrics and logs of unknown event names as other, so senders cannot mint series", async () => {
    const { port, metrics, logs } = await startServer();
    for (let i = 0; i < 20; i += 1) {
      const body = pushBody();
      expect((await deliver(port, body, sign(body, "not-the-secret"), `made-up-event-${i}`)).status).toBe(401);
    }
    const exposition = await metrics.registry.metrics();
    expect(exposition).toMatch(/webhook_deliveries_total\{event="other",outcome="rejected"\} 20/);
    expect(exposition).not.toContain("made-up-event");
    expect(logs.join("\n")).not.toContain("made-up-event");
  });

  it.each([
    ["push", { ...pushPayload, commits: undefined }, "commits"],
    ["push", { ...pushPayload, commits: null }, "commits"],
    ["release", { action: "published", repository: { full_name: "kairos-io/kairos" } }, "release"],
    ["issue_comment", { action: "created", repository: { full_name: "kairos-io/kairos-docs" }, issue: { number: 1 } }, "comment"],
    ["pull_request", { action: "opened", repository: { full_name: "kairos-io/kairos-init" }, pull_request: { number: 2 } }, "pull_request.head"],
  ])("answers a signed %s payload missing what the bot reads with 400 and a log line naming the field", async (event, payload, field) => {
    const { port, received, logs } = await startServer();
    const body = JSON.stringify(payload);
    const response = await deliver(port, body, sign(body), event);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(`the ${event} payload lacks what the bot reads: ${field}`);
    expect(received).toEqual([]);
    const line = logs.map((l) => JSON.parse(l) as { msg?: string; reason?: string }).find((l) => l.msg === "webhook delivery refused");
    expect(line?.reason).toContain(field);
  });

  it("answers a signed body that is not JSON with 400", async () => {
    const { port, received } = await startServer();
    const response = await deliver(port, "{not json", sign("{not json"));
    expect(response.status).toBe(400);
    expect(received).toEqual([]);
  });

  it("refuses a declared Content-Length over the limit with 413 before reading it", async () => {
    const { port, received } = await startServer();
    expect(await declareHugeBody(port)).toBe(413);
    expect(received).toEqual([]);
  });

  it("cuts off a chunked body that grows past the limit with 413, even when correctly signed", async () => {
    const { port, received } = await startServer();
    expect(await deliverChunked(port, pushBody(bodyLimitBytes))).toBe(413);
    expect(received).toEqual([]);
  });

  it("accepts a chunked body within the limit", async () => {
    const { port, received } = await startServer();
    expect(await deliverChunked(port, pushBody(100))).toBe(200);
    expect(received).toHaveLength(1);
  });
});

describe("slow senders", () => {
  it("answers 408 and closes a connection whose body has not arrived within the request timeout", async () => {
    const { port } = await startServer({ requestTimeoutMs: 300 });
    const { socket, response } = await openSocket(port);
    const body = pushBody();
    const headers = Object.entries(deliveryHeaders(body)).map(([k, v]) => `${k}: ${v}\r\n`).join("");
    await write(socket, `POST ${webhookPath} HTTP/1.1\r\nHost: x\r\n${headers}content-length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    const started = Date.now();
    expect(await response).toMatch(/^HTTP\/1\.1 408 /);
    // Node checks timeouts on an interval; the connection must not outlive the timeout by much.
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("other routes", () => {
  it("answers /healthz", async () => {
    const { port } = await startServer();
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers /readyz from the readiness it is given, /healthz staying 200", async () => {
    const readiness = { ready: true, reason: "" };
    const { port } = await startServer({ readiness });
    expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({ status: "ready" });
    Object.assign(readiness, { ready: false, reason: "GitHub refused the app's credentials 3 times in a row" });
    const response = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "not ready", reason: readiness.reason });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it("serves the bot's metrics in Prometheus text", async () => {
    const { port } = await startServer();
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    for (const name of ["webhook_deliveries_total", "reconciles_total", "github_api_calls_total", "queue_depth"]) {
      expect(text).toContain(`support_matrix_bot_${name}`);
    }
  });

  it("serves /metrics only on its own port when given one, the webhook port answering 404", async () => {
    const { server, port } = await startServer({ metricsAccess: { port: 0 } });
    expect(server.metricsPort).toBeGreaterThan(0);
    expect(server.metricsPort).not.toBe(port);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    const response = await fetch(`http://127.0.0.1:${server.metricsPort}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("support_matrix_bot_webhook_deliveries_total");
    expect((await fetch(`http://127.0.0.1:${server.metricsPort}/healthz`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.metricsPort}${webhookPath}`, { method: "POST" })).status).toBe(404);
  });

  it("answers /metrics only to the bearer token when one is set", async () => {
    const token = "metrics-token-0123456789";
    const { port } = await startServer({ metricsAccess: { token } });
    const url = `http://127.0.0.1:${port}/metrics`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await anonymous.text()).not.toContain("support_matrix_bot_");
    expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    const scrape = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain("support_matrix_bot_queue_depth");
  });

  it("answers 404 elsewhere, and to a GET on the webhook path", async () => {
    const { port } = await startServer();
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}${webhookPath}`)).status).toBe(404);
  });
});

/** A raw connection, so a request can be half sent before the server stops and finished after. */
function openSocket(port: number): Promise<{ socket: Socket; response: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      let text = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => (text += chunk));
      const response = new Promise<string>((done) => socket.on("close", () => done(text)));
      resolve({ socket, response });
    });
    socket.on("error", reject);
  });
}

function write(socket: Socket, text: string): Promise<void> {
  return new Promise((resolve, reject) => socket.write(text, (error) => (error ? reject(error) : resolve())));
}

describe("stop", () => {
  it("answers 503 to requests still arriving while draining, then closes", async () => {
    const { server, port } = await startServer();
    const health = await openSocket(port);
    const delivery = await openSocket(port);
    // Half-sent requests keep their connections busy, so stop() must wait for them.
    await write(health.socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
    const body = pushBody();
    const headers = Object.entries(deliveryHeaders(body)).map(([k, v]) => `${k}: ${v}\r\n`).join("");
    await write(delivery.socket, `POST ${webhookPath} HTTP/1.1\r\nHost: x\r\n${headers}content-length: ${body.length}\r\n\r\n`);
    // A full round trip on a third connection: the server has read the half-sent bytes by now.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: "close" } })).status).toBe(200);

    const stopped = server.stop();
    expect(server.draining).toBe(true);
    await write(health.socket, "\r\n");
    await write(delivery.socket, body);

    expect(await health.response).toMatch(/^HTTP\/1\.1 503 /);
    expect(await delivery.response).toMatch(/^HTTP\/1\.1 503 /);
    expect(running?.received).toEqual([]);
    await stopped;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    running = undefined;
  });
});
