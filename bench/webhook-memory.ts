// Benchmark of what unsigned webhook requests cost the real process: peak RSS and log bytes while 4 send 25 MiB at once.
import { request } from "node:http";
import { readFileSync } from "node:fs";
import { createGitHubSimulator } from "../test/github-simulator/index.js";
import { AppProcess } from "../test/e2e/app-process.js";

const MiB = 1024 * 1024;

/** Issue #12: peak RSS during 4 concurrent unsigned 25 MiB requests stays under this. */
export const PEAK_RSS_LIMIT_MB = 200;

export interface MemoryFigures {
  readonly name: string;
  readonly statuses: readonly (number | string)[];
  readonly baselineMb: number;
  readonly peakMb: number;
  readonly logBytes: number;
}

interface Attack {
  readonly name: string;
  /** Environment for the app, e.g. an older body limit for comparison. */
  readonly env?: Record<string, string>;
  readonly headers: Record<string, string>;
  /** Declare the length up front (else chunked, as a proxy may send). */
  readonly declareLength: boolean;
}

const attacks: readonly Attack[] = [
  {
    name: "wrong signature, chunked (read up to WEBHOOK_BODY_LIMIT, default 5 MiB)",
    headers: { "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
    declareLength: false,
  },
  {
    name: "wrong signature, Content-Length 25 MiB declared",
    headers: { "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
    declareLength: true,
  },
  { name: "no signature header, chunked", headers: {}, declareLength: false },
  {
    name: "wrong signature, chunked, WEBHOOK_BODY_LIMIT=25MiB (the old default), for comparison",
    env: { WEBHOOK_BODY_LIMIT: "25MiB" },
    headers: { "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
    declareLength: false,
  },
];

/** Resident set size of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Sends a 25 MiB JSON-looking body in 1 MiB writes; resolves with the status, or why there was none. */
function send(port: number, attack: Attack, index: number): Promise<number | string> {
  const chunk = Buffer.alloc(MiB, "a");
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/github/webhooks",
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": `unknown-event-${index}`,
          "x-github-delivery": `bench-${index}`,
          ...attack.headers,
          ...(attack.declareLength ? { "content-length": String(25 * MiB) } : {}),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on("error", (error) => resolve((error as NodeJS.ErrnoException).code ?? "error"));
    let sent = 0;
    const pump = (): void => {
      while (sent < 25 && !req.destroyed) {
        sent += 1;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

async function measure(attack: Attack): Promise<MemoryFigures> {
  const sim = await createGitHubSimulator();
  const app = await AppProcess.start(sim, { env: { LOG_LEVEL: "info", ...attack.env } });
  try {
    const pid = app.child.pid!;
    // Let startup allocations settle before the baseline.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const baselineMb = rssMb(pid);
    const logBefore = app.output.text.reduce((total, line) => total + line.length + 1, 0);
    let peakMb = baselineMb;
    const sampler = setInterval(() => {
      peakMb = Math.max(peakMb, rssMb(pid));
    }, 5);
    const statuses = await Promise.all([0, 1, 2, 3].map((i) => send(app.port, attack, i)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    clearInterval(sampler);
    peakMb = Math.max(peakMb, rssMb(pid));
    const logBytes = app.output.text.reduce((total, line) => total + line.length + 1, 0) - logBefore;
    return { name: attack.name, statuses, baselineMb, peakMb, logBytes };
  } finally {
    await app.kill();
    await sim.close();
  }
}

export async function benchUnsignedRequests(): Promise<MemoryFigures[]> {
  const figures: MemoryFigures[] = [];
  for (const attack of attacks) figures.push(await measure(attack));
  return figures;
}
