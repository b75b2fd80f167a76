// The bot's GitHub client against a real local HTTP server: conditional reads, rate limits, retries, accounting.
import { generateKeyPairSync } from "node:crypto";
import { pino } from "pino";
import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import {
  apiUsageOf,
  createSupportMatrixOctokit,
  RateLimitedError,
  ResponseCache,
  type ApiCallEvent,
  type GitHubClientOptions,
} from "../../src/github/octokit.js";
import { gitHubError, startScriptedGitHub, type Responder, type ScriptedGitHub } from "./scripted-github.js";

const sha = "0123456789abcdef0123456789abcdef01234567";
const token = "ghs_s3cr3tT0k3nThatMustNeverBeLogged";
const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let github: ScriptedGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

interface Harness {
  readonly github: ScriptedGitHub;
  readonly octokit: InstanceType<ReturnType<typeof createSupportMatrixOctokit>>;
  readonly sleeps: number[];
  readonly events: ApiCallEvent[];
}

async function harness(responder: Responder, options: GitHubClientOptions = {}): Promise<Harness> {
  github = await startScriptedGitHub(responder);
  const sleeps: number[] = [];
  const events: ApiCallEvent[] = [];
  const Octokit = createSupportMatrixOctokit({
    writePacingMs: 0,
    serverErrorBackoffMs: 1,
    now: () => 1_700_000_000_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onApiCall: (event) => events.push(event),
    ...options,
  });
  const octokit = new Octokit({ auth: token, baseUrl: github.baseUrl, log: quietLog });
  return { github, octokit, sleeps, events };
}

describe("conditional requests", () => {
  it("revalidates with the ETag and returns the remembered body on 304", async () => {
    const { github, octokit } = await harness((request) =>
      request.headers["if-none-match"] === '"v1"'
        ? { status: 304, headers: { etag: '"v1"', "x-ratelimit-remaining": "4999" } }
        : { status: 200, headers: { etag: '"v1"', "x-ratelimit-remaining": "4998" }, body: { name: "kairos-init" } },
    );

    const first = await octokit.request("GET /repos/{owner}/{repo}", { owner: "kairos-io", repo: "kairos-init" });
    const second = await octokit.request("GET /repos/{owner}/{repo}", { owner: "kairos-io", repo: "kairos-init" });

    expect(second.data).toEqual({ name: "kairos-init" });
    expect(second.status).toBe(200);
    expect(first.data).toEqual(second.data);
    expect(github.requests.map((r) => r.headers["if-none-match"])).toEqual([undefined, '"v1"']);
    expect(octokit.apiUsage.snapshot()).toMatchObject({ requests: 2, notModified: 1, spent: 1 });
  });

  it("falls back to If-Modified-Since when GitHub sent only Last-Modified", async () => {
    const lastModified = "Wed, 01 Jan 2025 00:00:00 GMT";
    const { github, octokit } = await harness((request) =>
      request.headers["if-modified-since"] === lastModified
        ? { status: 304 }
        : { status: 200, headers: { "last-modified": lastModified }, body: [1, 2] },
    );
    await octokit.request("GET /repos/o/r/releases");
    const again = await octokit.request("GET /repos/o/r/releases");
    expect(again.data).toEqual([1, 2]);
    expect(github.requests).toHaveLength(2);
  });

  it("keeps the remembered body safe from callers that mutate what they got", async () => {
    const { octokit } = await harness(() => ({ status: 200, headers: { etag: '"e"' }, body: { list: [1] } }));
    const first = await octokit.request("GET /repos/o/r");
    (first.data as { list: number[] }).list.push(2);
    const second = await octokit.request("GET /repos/o/r");
    expect(second.data).toEqual({ list: [1] });
  });

  it("keys the cache by accept header, so a raw read is not answered with JSON", async () => {
    const { github, octokit } = await harness((request) => ({
      status: 200,
      headers: { etag: `"${request.headers.accept}"` },
      body: request.headers.accept,
    }));
    await octokit.request("GET /repos/o/r/contents/a.yml");
    await octokit.request("GET /repos/o/r/contents/a.yml", { mediaType: { format: "raw" } });
    expect(github.requests.map((r) => r.headers["if-none-match"])).toEqual([undefined, undefined]);
  });

  it("serves reads pinned to a commit or object SHA from memory, without a request", async () => {
    const { github, octokit, events } = await harness(() => ({ status: 200, body: { sha } }));
    for (let i = 0; i < 3; i++) {
      await octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", { owner: "o", repo: "r", file_sha: sha });
      await octokit.request("GET /repos/o/r/contents/{path}", { path: ".github/workflows/test.yml", ref: sha });
    }
    expect(github.requests).toHaveLength(2);
    expect(octokit.apiUsage.snapshot()).toMatchObject({ requests: 2, memoryHits: 4 });
    expect(events.filter((e) => e.kind === "memory-hit")).toHaveLength(4);
  });

  it("asks GitHub again for a read at a branch name", async () => {
    const { github, octokit } = await harness(() => ({ status: 200, body: {} }));
    await octokit.request("GET /repos/o/r/contents/x", { ref: "main" });
    await octokit.request("GET /repos/o/r/contents/x", { ref: "main" });
    expect(github.requests).toHaveLength(2);
  });

  it("does not share remembered responses between identities", async () => {
    github = await startScriptedGitHub(() => ({ status: 200, body: { sha } }));
    const Octokit = createSupportMatrixOctokit({ writePacingMs: 0 });
    const url = `GET /repos/o/r/git/trees/${sha}`;
    await new Octokit({ auth: "token-a", baseUrl: github.baseUrl, log: quietLog }).request(url);
    await new Octokit({ auth: { installationId: 2, token: "x" }, baseUrl: github.baseUrl, log: quietLog }).request(url);
    await new Octokit({ auth: "token-b", baseUrl: github.baseUrl, log: quietLog }).request(url);
    expect(github.requests).toHaveLength(2);
  });
});

describe("the response cache's memory", () => {
  const KiB = 1024;
  /** A file of `size` characters as the contents API sends it, with an ETag naming the path. */
  const fileAnswer: Responder = (request) => {
    const size = Number(new URL(request.url, "http://x").searchParams.get("size"));
    return request.headers["if-none-match"] === `"${request.url}"`
      ? { status: 304 }
      : { status: 200, headers: { etag: `"${request.url}"` }, body: { path: request.url, content: "x".repeat(size) } };
  };
  const read = (octokit: Harness["octokit"], name: string, size: number) =>
    octokit.request("GET /repos/o/r/contents/{name}", { name, size });
  const revalidated = (github: ScriptedGitHub) => github.requests.map((r) => r.headers["if-none-match"] !== undefined);

  it("stays within its byte budget while many large responses arrive, dropping the least recently used", async () => {
    const responseCache = new ResponseCache(1024 * KiB);
    const { github, octokit } = await harness(fileAnswer, { responseCache });
    for (let i = 0; i < 40; i++) {
      await read(octokit, `f${i}.yml`, 110 * KiB);
      expect(responseCache.bytes).toBeLessThanOrEqual(1024 * KiB);
    }
    // Nine 110 KiB files fit in 1 MiB, ten do not: the newest nine are revalidated, the oldest asked for afresh.
    expect(responseCache.size).toBe(9);
    await read(octokit, "f39.yml", 110 * KiB);
    await read(octokit, "f31.yml", 110 * KiB);
    await read(octokit, "f30.yml", 110 * KiB);
    expect(revalidated(github).slice(40)).toEqual([true, true, false]);
  });

  it("never keeps a response larger than an eighth of the budget, nor lets it push others out", async () => {
    const responseCache = new ResponseCache(1024 * KiB);
    const { github, octokit } = await harness(fileAnswer, { responseCache });
    await read(octokit, "small.yml", KiB);
    await read(octokit, "large.yml", 200 * KiB);
    expect(responseCache.size).toBe(1);
    expect(responseCache.bytes).toBeLessThan(2 * KiB);
    await read(octokit, "large.yml", 200 * KiB);
    await read(octokit, "small.yml", KiB);
    expect(revalidated(github)).toEqual([false, false, false, true]);
  });

  it("asks again for a large object even when it is pinned by SHA", async () => {
    const blob = { sha, content: "x".repeat(200 * KiB) };
    const { github, octokit } = await harness(() => ({ status: 200, body: blob }), { responseCache: new ResponseCache(1024 * KiB) });
    for (let i = 0; i < 2; i++) await octokit.request("GET /repos/o/r/git/blobs/{file_sha}", { file_sha: sha });
    expect(github.requests).toHaveLength(2);
    expect(octokit.apiUsage.snapshot()).toMatchObject({ requests: 2, memoryHits: 0 });
  });
});

describe("rate limits", () => {
  it("waits the retry-after of a secondary rate limit, then succeeds", async () => {
    const { github, octokit, sleeps } = await harness((_, index) =>
      index === 0
        ? { status: 403, headers: { "retry-after": "7" }, body: gitHubError("You have exceeded a secondary rate limit.") }
        : { status: 200, body: { ok: true } },
    );
    const response = await octokit.request("POST /repos/o/r/git/blobs", { content: "x" });
    expect(response.data).toEqual({ ok: true });
    expect(sleeps).toEqual([7000]);
    expect(github.requests).toHaveLength(2);
  });

  it("honours retry-after on a 429 instead of plugin-retry's quick retries", async () => {
    const { github, octokit, sleeps } = await harness((_, index) =>
      index === 0 ? { status: 429, headers: { "retry-after": "3" }, body: gitHubError("Too many requests") } : { status: 200, body: [] },
    );
    await octokit.request("GET /repos/o/r/releases");
    expect(sleeps).toEqual([3000]);
    expect(github.requests).toHaveLength(2);
  });

  it("backs off exponentially from a minute when a secondary limit names no retry-after", async () => {
    const { octokit, sleeps } = await harness((_, index) =>
      index < 2 ? { status: 403, body: gitHubError("You have exceeded a secondary rate limit") } : { status: 200, body: {} },
    );
    await octokit.request("GET /repos/o/r");
    expect(sleeps).toEqual([60_000, 120_000]);
  });

  it("waits until x-ratelimit-reset when the primary quota is spent and the reset is near", async () => {
    const now = 1_700_000_000_000;
    const { octokit, sleeps } = await harness((_, index) =>
      index === 0
        ? {
            status: 403,
            headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 30) },
            body: gitHubError("API rate limit exceeded"),
          }
        : { status: 200, body: {} },
    );
    await octokit.request("GET /repos/o/r");
    expect(sleeps).toEqual([31_000]);
  });

  it("gives up at once with RateLimitedError when the primary reset is beyond the bound", async () => {
    const now = 1_700_000_000_000;
    const reset = now / 1000 + 3600;
    const { github, octokit, sleeps } = await harness(() => ({
      status: 403,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
      body: gitHubError("API rate limit exceeded for installation ID 1."),
    }));

    const failure = await octokit.request("GET /repos/o/r").catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RateLimitedError);
    const limited = failure as RateLimitedError;
    expect(limited).toMatchObject({ kind: "primary", reason: "wait-exceeds-bound", status: 403, retries: 0 });
    expect(limited.resetAt.getTime()).toBe(reset * 1000 + 1000);
    expect(limited.request).toBe("GET /repos/o/r");
    expect(sleeps).toEqual([]);
    expect(github.requests).toHaveLength(1);
  });

  it("gives up with RateLimitedError after the retry bound", async () => {
    const { github, octokit, sleeps } = await harness(
      () => ({ status: 429, headers: { "retry-after": "1" }, body: gitHubError("slow down") }),
      { rateLimitRetries: 2 },
    );
    const failure = await octokit.request("GET /repos/o/r").catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: "RateLimitedError", reason: "retries-exhausted", retries: 2 });
    expect(sleeps).toEqual([1000, 1000]);
    expect(github.requests).toHaveLength(3);
  });

  it("lets a plain 403 (permissions) through without waiting", async () => {
    const { github, octokit, sleeps } = await harness(() => ({
      status: 403,
      headers: { "x-ratelimit-remaining": "4000" },
      body: gitHubError("Resource not accessible by integration"),
    }));
    await expect(octokit.request("GET /repos/o/r")).rejects.toMatchObject({ status: 403 });
    expect(sleeps).toEqual([]);
    expect(github.requests).toHaveLength(1);
  });
});

describe("server errors", () => {
  it("retries a 502 and returns the later success", async () => {
    const { github, octokit } = await harness((_, index) =>
      index < 2 ? { status: 502, body: gitHubError("Bad Gateway") } : { status: 200, body: { fine: true } },
    );
    const response = await octokit.request("GET /repos/o/r");
    expect(response.data).toEqual({ fine: true });
    expect(github.requests).toHaveLength(3);
    expect(octokit.apiUsage.snapshot().byStatus).toEqual({ "502": 2, "200": 1 });
  });

  it("gives up after the configured number of retries with GitHub's error", async () => {
    const { github, octokit } = await harness(() => ({ status: 502, body: gitHubError("Bad Gateway") }), {
      serverErrorRetries: 2,
    });
    await expect(octokit.request("GET /repos/o/r")).rejects.toMatchObject({ status: 502 });
    expect(github.requests).toHaveLength(3);
  });

  it("does not retry a 404 or a 422", async () => {
    const { github, octokit } = await harness(() => ({ status: 422, body: gitHubError("Update is not a fast forward") }));
    await expect(octokit.request("PATCH /repos/o/r/git/refs/heads/bot", { sha })).rejects.toMatchObject({ status: 422 });
    expect(github.requests).toHaveLength(1);
  });

  it("stays correct and quick when a fifth of the answers are 502", async () => {
    const { octokit } = await harness((_, index) =>
      index % 5 === 4 ? { status: 502, body: gitHubError("Bad Gateway") } : { status: 200, body: { index } },
    );
    for (let i = 0; i < 20; i++) await octokit.request("GET /repos/o/r/commits/{ref}", { ref: `b${i}` });
    const usage = octokit.apiUsage.snapshot();
    expect(usage.requests).toBe(24);
    expect(usage.byStatus["502"]).toBe(4);
  });
});

describe("accounting", () => {
  it("counts every request by method and status, remembers the rate limit left, and reports each call", async () => {
    let remaining = 100;
    const { octokit, events } = await harness((request) => {
      remaining -= 1;
      const headers = { "x-ratelimit-remaining": String(remaining) };
      if (request.method === "POST") return { status: 201, headers, body: { sha } };
      if (request.url.includes("missing")) return { status: 404, headers, body: gitHubError("Not Found") };
      return { status: 200, headers, body: {} };
    });

    await octokit.request("GET /repos/o/r");
    await octokit.request("POST /repos/o/r/git/blobs", { content: "a" });
    await octokit.request("GET /repos/o/missing").catch(() => undefined);

    expect(octokit.apiUsage.snapshot()).toEqual({
      requests: 3,
      byMethod: { GET: 2, POST: 1 },
      byStatus: { "200": 1, "201": 1, "404": 1 },
      notModified: 0,
      memoryHits: 0,
      spent: 3,
      rateLimitRemaining: 97,
    });
    expect(events).toEqual([
      { kind: "request", method: "GET", status: 200, rateLimitRemaining: 99 },
      { kind: "request", method: "POST", status: 201, rateLimitRemaining: 98 },
      { kind: "request", method: "GET", status: 404, rateLimitRemaining: 97 },
    ]);
  });

  it("keeps each instance's numbers apart", async () => {
    github = await startScriptedGitHub(() => ({ status: 200, body: {} }));
    const Octokit = createSupportMatrixOctokit({ writePacingMs: 0 });
    const a = new Octokit({ auth: "a", baseUrl: github.baseUrl, log: quietLog });
    const b = new Octokit({ auth: "b", baseUrl: github.baseUrl, log: quietLog });
    await a.request("GET /repos/o/r");
    await a.request("GET /repos/o/r");
    await b.request("GET /repos/o/r");
    expect([a.apiUsage.snapshot().requests, b.apiUsage.snapshot().requests]).toEqual([2, 1]);
    expect(apiUsageOf(b)).toBe(b.apiUsage);
    expect(apiUsageOf({})).toBeUndefined();
  });
});

describe("write pacing", () => {
  it("spaces mutating requests by the configured pace", async () => {
    const { github, octokit } = await harness(() => ({ status: 201, body: {} }), { writePacingMs: 120 });
    // Timed where the client sends, after the pacing: arrival times at the server also carry the
    // loopback's scheduling jitter, which under load can bring two paced requests closer together.
    const times: number[] = [];
    const request = {
      fetch: (url: string, init: RequestInit) => {
        times.push(performance.now());
        return fetch(url, init);
      },
    };
    await Promise.all([0, 1, 2].map((i) => octokit.request("POST /repos/o/r/git/blobs", { content: String(i), request })));
    expect(github.requests).toHaveLength(3);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100);
  });
});

describe("inside Probot", () => {
  it("replaces Probot's retry-twice rate-limit handlers and counts an installation client on its own", async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    github = await startScriptedGitHub((request) => {
      if (request.url === "/app/installations/42/access_tokens") {
        return { status: 201, body: { token, expires_at: new Date(Date.now() + 3_600_000).toISOString() } };
      }
      return {
        status: 403,
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
        body: gitHubError("API rate limit exceeded"),
      };
    });
    const lines: string[] = [];
    const log = pino({ level: "trace" }, { write: (line: string) => lines.push(line) });
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const probot = new Probot({
      appId: 1,
      privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      baseUrl: github.baseUrl,
      log,
      Octokit: createSupportMatrixOctokit({ writePacingMs: 0 }),
    });

    const installation = await probot.auth(42);
    const failure = await installation.request("GET /repos/o/r").catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RateLimitedError);
    const apiRequests = github.requests.filter((r) => r.url === "/repos/o/r");
    expect(apiRequests).toHaveLength(1);
    expect(apiRequests[0]?.headers.authorization).toBe(`token ${token}`);
    // The installation token is fetched through the installation client, so it is counted there too.
    expect(apiUsageOf(installation)?.snapshot().byStatus).toEqual({ "201": 1, "403": 1 });
    expect(apiUsageOf(await probot.auth())?.snapshot().requests).toBe(0);
    expect(lines.join("\n")).not.toContain(token);
  });
});

describe("secrets", () => {
  it("never writes the token to the log, whatever goes wrong", async () => {
    github = await startScriptedGitHub((request, index) => {
      if (request.url.startsWith("/limited")) {
        return index % 2 === 0
          ? { status: 403, headers: { "retry-after": "0" }, body: gitHubError("secondary rate limit") }
          : { status: 200, body: {} };
      }
      if (request.url.startsWith("/flaky")) return { status: 502, body: gitHubError("Bad Gateway") };
      return { status: 404, body: gitHubError("Not Found") };
    });
    const lines: string[] = [];
    const log = pino({ level: "trace" }, { write: (line: string) => lines.push(line) });
    const Octokit = createSupportMatrixOctokit({ writePacingMs: 0, serverErrorBackoffMs: 1, serverErrorRetries: 1 });
    const octokit = new Octokit({ auth: token, baseUrl: github.baseUrl, log });

    await octokit.request("GET /limited");
    const errors = await Promise.all([
      octokit.request("GET /flaky").catch((error: unknown) => error),
      octokit.request("GET /missing").catch((error: unknown) => error),
    ]);
    for (const error of errors) log.error({ err: error }, "request failed");

    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(token);
  });
});
