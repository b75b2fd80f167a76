// The HTTP front on a real port: signed deliveries reach Probot, bad or oversized ones do not; health, metrics, stop.
import { createHmac, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { pino } from "pino";
import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpServer, type BotHttpServer, type HttpServerOptions } from "../../src/app/http-server.js";
import { createMetrics, type BotMetrics } from "../../src/app/metrics.js";

const secret = "test-webhook-secret";
const webhookPath = "/api/github/webhooks";
const bodyLimitBytes = 4096;

interface Running {
  readonly server: BotHttpServer;
  readonly port: number;
  readonly received: string[];
  readonly metrics: BotMetrics;
}

let running: Running | undefined;
afterEach(async () => {
  await running?.server.stop({ graceMs: 100 });
  running = undefined;
});

async function startServer(extra: Partial<HttpServerOptions> = {}): Promise<Running> {
  const received: string[] = [];
  const probot = new Probot({ githubToken: "test-token", secret, log: pino({ level: "silent" }) });
  const metrics = createMetrics({ processMetrics: false });
  const server = await createHttpServer({
    probot,
    appFn: (app) => {
      app.on("push", async (context) => {
        received.push(context.id);
      });
    },
    webhookPath,
    bodyLimitBytes,
    metrics,
    ...extra,
  });
  const port = await server.start({ port: 0, host: "127.0.0.1" });
  running = { server, port, received, metrics };
  return running;
}

function pushBody(padding = 0): string {
  return JSON.stringify({
    ref: "refs/heads/main",
    repository: { full_name: "kairos-io/kairos-init", default_branch: "main" },
    padding: "x".repeat(padding),
  });
}

function sign(body: string, key = secret): string {
  return `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
}

function deliveryHeaders(body: string, signature = sign(body)): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-github-event": "push",
    "x-github-delivery": randomUUID(),
    "x-hub-signature-256": signature,
  };
}

async function deliver(port: number, body: string, signature?: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${webhookPath}`, { method: "POST", headers: deliveryHeaders(body, signature), body });
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

  it("refuses a bad signature and never runs the handler", async () => {
    const { port, received, metrics } = await startServer();
    const body = pushBody();
    const response = await deliver(port, body, sign(body, "not-the-secret"));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(received).toEqual([]);
    expect(await metrics.registry.metrics()).toMatch(/webhook_deliveries_total\{event="push",outcome="rejected"\} 1/);
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
