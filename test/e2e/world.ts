// An end-to-end world: the GitHub simulator seeded with real kairos data, and the real server started against it.
import { EventEmitter } from "node:events";
import { Writable } from "node:stream";
import pino from "pino";
import type { Logger } from "probot";
import type { RunningServer } from "../../src/app/server.js";
import { createGitHubSimulator, type GitHubSimulator, type WebhookResult } from "../github-simulator/index.js";
import { readFixture } from "../fixtures.js";
import { appEnvironment, SECRET, startAppAgainst, webhookUrlOf } from "./app-environment.js";

export { appEnvironment, SECRET };

export const DOCS = "kairos-io/kairos-docs";
export const INIT = "kairos-io/kairos-init";
export const WORKFLOW = ".github/workflows/test.yml";
export const PAGE = "docs/reference/image_matrix.md";

export const CONFIG = ".github/support-matrix-bot.yml";

/**
 * The sources these worlds are about: kairos-init's test.yml, which the bot watched by default until
 * kairos-init moved into kairos-io/kairos. Since the default is the monorepo, the docs repository says so.
 */
export const KAIROS_INIT_SOURCES = `sources:\n  - repository: ${INIT}\n    workflow: .github/workflows/test.yml\n`;

/** A configuration file: the given lines, then kairos-init's sources (last, so the given lines keep their line numbers). */
export function kairosInitConfig(lines = ""): string {
  return lines + KAIROS_INIT_SOURCES;
}

export const TODAY_WORKFLOW = readFixture("kairos-init", "test.yml", "2026-07-13-4a52b87.yml");
export const TODAY_PAGE = readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md");

export interface WorldOptions {
  readonly workflow?: string;
  readonly page?: string;
  readonly docsFiles?: Record<string, string>;
  /** Extra environment for the app (tuning knobs, DOCS_REPOSITORY…). */
  readonly env?: Record<string, string>;
  readonly reconcileOnStart?: boolean;
  /** false: the app has not read its configuration yet when the test starts. */
  readonly readConfiguration?: boolean;
  /** Seed component repositories with these releases (tag → ISO date), newest first or not. */
  readonly releases?: Record<string, readonly { tag: string; date: string; prerelease?: boolean }[]>;
}

export class World {
  readonly logLines: string[] = [];
  private constructor(
    readonly sim: GitHubSimulator,
    readonly app: RunningServer,
    /** Emits "line" for each log line as the app writes it. */
    private readonly logEvents: EventEmitter,
  ) {}

  /** The first log line, past or future, whose message is `msg`. */
  async logLine(msg: string): Promise<Record<string, unknown>> {
    const matches = (line: string) => (JSON.parse(line) as { msg?: string }).msg === msg;
    const seen = this.logLines.find(matches);
    if (seen) return JSON.parse(seen) as Record<string, unknown>;
    return new Promise((resolve) => {
      const listener = (line: string) => {
        if (!matches(line)) return;
        this.logEvents.off("line", listener);
        resolve(JSON.parse(line) as Record<string, unknown>);
      };
      this.logEvents.on("line", listener);
    });
  }

  static async start(options: WorldOptions = {}): Promise<World> {
    const sim = await createGitHubSimulator();
    seed(sim, options);
    const logLines: string[] = [];
    const logEvents = new EventEmitter();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        const lines = chunk.toString("utf8").split("\n").filter(Boolean);
        logLines.push(...lines);
        for (const line of lines) logEvents.emit("line", line);
        done();
      },
    });
    const log: Logger = pino({ level: "debug" }, sink);
    const app = await startAppAgainst(sim, { ...(options.env ? { env: options.env } : {}), log, reconcileOnStart: options.reconcileOnStart ?? false, ...(options.readConfiguration === false ? { readConfiguration: false } : {}) });
    const world = new World(sim, app, logEvents);
    world.logLines.push(...logLines);
    logLines.length = 0;
    // Keep one array: later lines land in the world's.
    Object.defineProperty(world, "logLines", { value: logLines });
    return world;
  }

  get webhookUrl(): string {
    return webhookUrlOf(this.app);
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

  /** Delivers a finished workflow run's `completed` event and waits for the reconcile it triggers. */
  async finishRun(run: { completed: object | null }): Promise<void> {
    await this.deliver("workflow_run", run.completed!);
    await this.settle();
  }

  /** The bot's open pull request and the page on its head ("" when none is open). */
  botPullPage() {
    const [pull] = this.openBotPulls();
    return { pull, text: pull ? this.pageOn(pull.headSha)! : "" };
  }

  async close(): Promise<void> {
    await this.app.stop();
    await this.sim.close();
  }
}

/**
 * Seeds the simulator with kairos-init, kairos-docs (configured to read kairos-init, unless `docsFiles`
 * brings its own configuration) and optional component releases (also for spawned apps).
 */
export function seed(sim: GitHubSimulator, options: WorldOptions = {}): void {
  sim.createRepo({ owner: "kairos-io", name: "kairos-init", files: { [WORKFLOW]: options.workflow ?? TODAY_WORKFLOW, "README.md": "# kairos-init\n" } });
  sim.createRepo({
    owner: "kairos-io",
    name: "kairos-docs",
    files: { [PAGE]: options.page ?? TODAY_PAGE, "README.md": "# kairos-docs\n", [CONFIG]: KAIROS_INIT_SOURCES, ...options.docsFiles },
  });
  for (const [repository, releases] of Object.entries(options.releases ?? {})) {
    const [owner = "kairos-io", name = repository] = repository.split("/");
    sim.createRepo({ owner, name, files: { "README.md": `# ${name}\n` } });
    for (const release of [...releases].reverse()) {
      sim.createRelease({ repo: repository, tag: release.tag, prerelease: release.prerelease ?? false, createdAt: release.date });
    }
  }
}
