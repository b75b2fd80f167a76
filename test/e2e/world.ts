// An end-to-end world: the GitHub simulator seeded with real kairos data, and the real server started against it.
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { startServer, type RunningServer } from "../../src/app/server.js";
import { readSettings } from "../../src/app/settings.js";
import { createGitHubSimulator, type GitHubSimulator, type WebhookResult } from "../github-simulator/index.js";
import { readFixture } from "../fixtures.js";

export const DOCS = "kairos-io/kairos-docs";
export const INIT = "kairos-io/kairos-init";
export const WORKFLOW = ".github/workflows/test.yml";
export const PAGE = "docs/reference/image_matrix.md";
export const SECRET = "e2e-webhook-secret";

export const TODAY_WORKFLOW = readFixture("kairos-init", "test.yml", "2026-07-13-4a52b87.yml");
export const TODAY_PAGE = readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md");

export interface WorldOptions {
  readonly workflow?: string;
  readonly page?: string;
  readonly docsFiles?: Record<string, string>;
  /** Extra environment for the app (tuning knobs, DOCS_REPOSITORY…). */
  readonly env?: Record<string, string>;
  readonly reconcileOnStart?: boolean;
  /** Seed component repositories with these releases (tag → ISO date), newest first or not. */
  readonly releases?: Record<string, readonly { tag: string; date: string; prerelease?: boolean }[]>;
}

/** The environment a real deployment would set, pointed at the simulator. */
export function appEnvironment(sim: GitHubSimulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    APP_ID: String(sim.app.id),
    PRIVATE_KEY: sim.app.privateKey,
    WEBHOOK_SECRET: SECRET,
    GHE_HOST: sim.host,
    GHE_PROTOCOL: "http",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "info",
    RECONCILE_INTERVAL: "0",
    // Production paces writes a second apart and backs off in seconds; tests keep the logic, not the waits.
    GITHUB_WRITE_PACING: "0ms",
    GITHUB_RETRY_BACKOFF: "5ms",
    GITHUB_SECONDARY_RATE_LIMIT_WAIT: "10ms",
    SHUTDOWN_TIMEOUT: "5s",
    ...extra,
  };
}

export class World {
  readonly logLines: string[] = [];
  private constructor(
    readonly sim: GitHubSimulator,
    readonly app: RunningServer,
  ) {}

  static async start(options: WorldOptions = {}): Promise<World> {
    const sim = await createGitHubSimulator();
    seed(sim, options);
    const logLines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
        done();
      },
    });
    const log: Logger = pino({ level: "debug" }, sink);
    const result = readSettings(appEnvironment(sim, options.env));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const app = await startServer(result.settings, { log, reconcileOnStart: options.reconcileOnStart ?? false });
    const world = new World(sim, app);
    world.logLines.push(...logLines);
    logLines.length = 0;
    // Keep one array: later lines land in the world's.
    Object.defineProperty(world, "logLines", { value: logLines });
    return world;
  }

  get webhookUrl(): string {
    return `http://127.0.0.1:${this.app.port}/api/github/webhooks`;
  }

  deliver(event: string, payload: object, id?: string): Promise<WebhookResult> {
    return this.sim.deliverWebhook({ url: this.webhookUrl, secret: SECRET, event, payload, ...(id ? { id } : {}) });
  }

  /** Everything triggered so far has run. */
  settle(): Promise<void> {
    return this.app.bot.idle();
  }

  openBotPulls() {
    return this.sim.state.pulls(DOCS, { state: "open" });
  }

  pageOn(ref: string): string | undefined {
    return this.sim.state.file(DOCS, PAGE, ref);
  }

  async close(): Promise<void> {
    await this.app.stop();
    await this.sim.close();
  }
}

function seed(sim: GitHubSimulator, options: WorldOptions): void {
  sim.createRepo({ owner: "kairos-io", name: "kairos-init", files: { [WORKFLOW]: options.workflow ?? TODAY_WORKFLOW, "README.md": "# kairos-init\n" } });
  sim.createRepo({
    owner: "kairos-io",
    name: "kairos-docs",
    files: { [PAGE]: options.page ?? TODAY_PAGE, "README.md": "# kairos-docs\n", ...options.docsFiles },
  });
  for (const [repository, releases] of Object.entries(options.releases ?? {})) {
    const [owner = "kairos-io", name = repository] = repository.split("/");
    sim.createRepo({ owner, name, files: { "README.md": `# ${name}\n` } });
    for (const release of [...releases].reverse()) {
      sim.createRelease({ repo: repository, tag: release.tag, prerelease: release.prerelease ?? false, createdAt: release.date });
    }
  }
}
