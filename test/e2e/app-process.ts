// Runs the built app (`node dist/app/main.js`) as a real process against the simulator, and reads its JSON log as it comes.
import { spawn, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GitHubSimulator, WebhookResult } from "../github-simulator/index.js";
import { projectRoot } from "../fixtures.js";
import { appEnvironment, SECRET, type WorldOptions } from "./world.js";

export const distMain = join(projectRoot, "dist", "app", "main.js");
export const distActions = join(projectRoot, "dist", "app", "github-actions.js");

/**
 * Why a spawning test cannot run, or null: `npm test` builds dist/ before vitest runs, a bare
 * `npx vitest run` may not have. (dist/ older than src/ is not detected: rebuild after editing src/.)
 */
export function buildMissing(entry: string): string | null {
  return existsSync(entry) ? null : `skipped: ${entry} is missing; run \`npm run build\` first (npm test does)`;
}

/**
 * One stable release for each default component, so the releases reconcile has something to read (a
 * spawned app's startup reconciles both kinds) without paging through years of real tags.
 */
export const ONE_RELEASE_EACH: WorldOptions["releases"] = Object.fromEntries(
  ["kairos", "provider-kairos", "immucore", "AuroraBoot", "osbuilder"].map((name) => [
    `kairos-io/${name}`,
    [{ tag: "v2.0.0", date: "2026-08-01T00:00:00Z" }],
  ]),
);

/** One parsed JSON log line; `raw` keeps the exact text (secrets are searched in it). */
export interface LogLine {
  readonly raw: string;
  readonly level?: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Milliseconds from the first signal sent (or from the start, when none was) to the exit. */
  readonly ms: number;
}

export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly description?: string;
}

/** Collects lines from a child's stdout and stderr, and lets a test await one that matches. */
export class ProcessOutput {
  readonly lines: LogLine[] = [];
  /** Everything written, in arrival order, lines unparsed (stderr included). */
  readonly text: string[] = [];
  readonly #changes = new EventEmitter();
  #exited = false;

  attach(child: ChildProcess): void {
    for (const stream of [child.stdout, child.stderr]) {
      let pending = "";
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        pending += chunk;
        const parts = pending.split("\n");
        pending = parts.pop() ?? "";
        for (const part of parts) this.#add(part);
      });
      stream?.on("end", () => {
        if (pending) this.#add(pending);
        pending = "";
      });
    }
    child.once("exit", () => {
      this.#exited = true;
      this.#changes.emit("change");
    });
  }

  /** The first line (past or future) the predicate accepts. */
  waitForLine(predicate: (line: LogLine) => boolean, options: WaitOptions = {}): Promise<LogLine> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const line = this.lines.find(predicate);
        if (line) {
          done();
          resolve(line);
          return true;
        }
        if (this.#exited) {
          done();
          reject(new Error(`the process exited before logging ${options.description ?? "the awaited line"}\n${this.tail()}`));
          return true;
        }
        return false;
      };
      const onChange = (): void => void check();
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no log line ${options.description ?? predicate.toString()} within ${timeoutMs} ms\n${this.tail()}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#changes.off("change", onChange);
      };
      this.#changes.on("change", onChange);
      check();
    });
  }

  /** Lines whose message matches. */
  withMessage(pattern: RegExp): LogLine[] {
    return this.lines.filter((l) => typeof l.msg === "string" && pattern.test(l.msg));
  }

  tail(count = 25): string {
    return this.text.slice(-count).map((t) => `  | ${t}`).join("\n");
  }

  #add(text: string): void {
    if (text.trim() === "") return;
    this.text.push(text);
    let parsed: Record<string, unknown> = {};
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === "object" && value !== null) parsed = value as Record<string, unknown>;
    } catch {
      // Not JSON (a crash trace on stderr): kept as raw text only.
    }
    this.lines.push({ ...parsed, raw: text });
    this.#changes.emit("change");
  }
}

export interface SpawnOptions {
  /** Extra or overriding environment (appEnvironment(sim) is the base). */
  readonly env?: Record<string, string>;
  /** How long to wait for "listening". */
  readonly startTimeoutMs?: number;
}

/** A running `node dist/app/main.js`. */
export class AppProcess {
  readonly output = new ProcessOutput();
  readonly exited: Promise<Exit>;
  #signalledAt: number | undefined;
  #port = 0;

  private constructor(
    readonly child: ChildProcess,
    readonly sim: GitHubSimulator,
    workDir: string,
  ) {
    const started = Date.now();
    this.output.attach(child);
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        rmSync(workDir, { recursive: true, force: true });
        resolve({ code, signal, ms: Date.now() - (this.#signalledAt ?? started) });
      });
    });
  }

  /** Starts the app and resolves once it listens (its port is read from that log line). */
  static async start(sim: GitHubSimulator, options: SpawnOptions = {}): Promise<AppProcess> {
    // A scratch working directory: main.js loads a .env from its cwd, and none must leak in from the checkout.
    const workDir = mkdtempSync(join(tmpdir(), "support-matrix-bot-app-"));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      LOG_FORMAT: "json",
      ...appEnvironment(sim, options.env),
    };
    const child = spawn(process.execPath, [distMain], { cwd: workDir, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    const app = new AppProcess(child, sim, workDir);
    const listening = await app.output.waitForLine((l) => /^listening on /.test(l.msg ?? ""), {
      timeoutMs: options.startTimeoutMs ?? 15_000,
      description: '"listening on …"',
    });
    app.#port = Number(/:(\d+),/.exec(listening.msg ?? "")?.[1]);
    return app;
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get webhookUrl(): string {
    return `${this.url}/api/github/webhooks`;
  }

  deliver(event: string, payload: object, id?: string): Promise<WebhookResult> {
    return this.sim.deliverWebhook({ url: this.webhookUrl, secret: SECRET, event, payload, ...(id ? { id } : {}) });
  }

  /** Log lines saying a reconcile finished, optionally of one kind of work ("matrix", "releases"). */
  reconciles(work?: string): LogLine[] {
    return this.output.withMessage(/^reconciled$/).filter((l) => work === undefined || l.work === work);
  }

  /** Resolves when the `count`-th "reconciled" line (of `work`, if given) has been logged. */
  waitForReconciles(count: number, work?: string, timeoutMs = 10_000): Promise<LogLine> {
    return this.output.waitForLine(
      () => this.reconciles(work).length >= count,
      { timeoutMs, description: `"reconciled" ×${count}${work ? ` (${work})` : ""}` },
    );
  }

  /**
   * Resolves once everything these deliveries triggered has run: a "queue idle" line (LOG_LEVEL=debug)
   * after the last of their decisions. A decision is logged before the 200 answer, and one process's
   * log keeps its order, so an idle line after it cannot be an older one.
   */
  async settled(deliveryIds: readonly string[], timeoutMs = 10_000): Promise<void> {
    const decided = (id: string): number =>
      this.output.lines.findIndex((l) => l.deliveryId === id && (l.msg === "accepted" || l.msg === "ignored"));
    await this.output.waitForLine(() => deliveryIds.every((id) => decided(id) >= 0), {
      timeoutMs,
      description: `decisions on ${deliveryIds.join(", ")}`,
    });
    const after = Math.max(...deliveryIds.map(decided));
    await this.output.waitForLine(() => this.output.lines.some((l, i) => i > after && l.msg === "queue idle"), {
      timeoutMs,
      description: `"queue idle" after ${deliveryIds.join(", ")} (is LOG_LEVEL debug?)`,
    });
  }

  signal(signal: NodeJS.Signals): void {
    this.#signalledAt ??= Date.now();
    this.child.kill(signal);
  }

  /** Ends the process whatever its state (test cleanup); resolves when it is gone. */
  async kill(): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    return this.exited;
  }

  /** For failure messages. */
  describe(): string {
    return `app pid ${this.child.pid} on port ${this.#port}, last output:\n${this.output.tail()}`;
  }
}

/** Raw GET on the app, answering with the status, or "refused" when no one listens any more. */
export async function probe(url: string): Promise<number | "refused"> {
  try {
    const response = await fetch(url, { headers: { connection: "close" } });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    if (isConnectionRefused(error)) return "refused";
    throw error;
  }
}

export function isConnectionRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code === "ECONNREFUSED" || cause?.code === "ECONNRESET" || cause?.code === "UND_ERR_SOCKET";
}
