// GitHub Actions mode: a job with an app installation token and an event file opens the pull request, or says why not.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EXIT_BAD_SETTINGS, EXIT_RECONCILE_FAILED, RECONCILE_EVERYTHING, runAction } from "../../src/app/github-actions.js";
import { SettingsError, settingsVariables } from "../../src/app/settings.js";
import { defaultConfig } from "../../src/config/default-config.js";
import { readFixture } from "../fixtures.js";
import { projectRoot } from "../fixtures.js";
import { createGitHubSimulator, type GitHubSimulator } from "../github-simulator/index.js";
import { buildMissing, distActions, ONE_RELEASE_EACH, ProcessOutput } from "./app-process.js";
import { DOCS, INIT, PAGE, seed, TODAY_WORKFLOW, WORKFLOW } from "./world.js";

const FEDORA_44 = TODAY_WORKFLOW.replace('         - "fedora:43"\n', '         - "fedora:43"\n         - "fedora:44"\n');
const MATRIX_BRANCH = "support-matrix-bot/tested-matrix";
const RELEASES_BRANCH = "support-matrix-bot/release-changelog";

let sim: GitHubSimulator;
let dir: string;
/** What this test set up and the next afterEach takes down. */
let cleanup: (() => Promise<void>) | undefined;

afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setUp(): Promise<void> {
  const opened = await createGitHubSimulator();
  const scratch = mkdtempSync(join(tmpdir(), "support-matrix-bot-actions-"));
  cleanup = async () => {
    await opened.close();
    rmSync(scratch, { recursive: true, force: true });
  };
  sim = opened;
  dir = scratch;
  seed(sim, { releases: ONE_RELEASE_EACH });
}

/** What a job's step gets: GitHub's variables, and the outputs of actions/create-github-app-token. */
function jobEnvironment(event: string, payload?: object): Record<string, string> {
  const eventPath = join(dir, "event.json");
  if (payload) writeFileSync(eventPath, JSON.stringify(payload));
  const summaryPath = join(dir, "step-summary.md");
  writeFileSync(summaryPath, "");
  return {
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: event,
    ...(payload ? { GITHUB_EVENT_PATH: eventPath } : {}),
    GITHUB_API_URL: sim.apiUrl,
    GITHUB_RUN_ID: "4242",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_STEP_SUMMARY: summaryPath,
    APP_TOKEN: sim.installationToken("kairos-io"),
    APP_SLUG: sim.app.slug,
    DOCS_REPOSITORY: DOCS,
    LOG_FORMAT: "json",
    // Production paces writes a second apart and backs off in seconds; the test keeps the logic, not the waits.
    GITHUB_WRITE_PACING: "0ms",
    GITHUB_RETRY_BACKOFF: "5ms",
  };
}

function stepSummary(): string {
  return readFileSync(join(dir, "step-summary.md"), "utf8");
}

function capturingLogger(): { log: pino.Logger; lines: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { log: pino({ level: "debug" }, sink), lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function openPull(branch: string) {
  return sim.state.pulls(DOCS, { state: "open" }).find((p) => p.headRef === branch);
}

describe("GitHub Actions mode, in process", () => {
  it("a push event file and an app installation token open one pull request, signed by the app's bot", async () => {
    await setUp();
    const push = sim.push({ repo: INIT, files: { [WORKFLOW]: FEDORA_44 }, message: "Test Fedora 44" });
    const { log, lines } = capturingLogger();
    const result = await runAction(jobEnvironment("push", push.payload), { log });

    expect(result).toMatchObject({ exitCode: 0, failures: 0 });
    expect(result.decision).toContain(`push to ${INIT} changes ${WORKFLOW}`);
    const pulls = sim.state.pulls(DOCS, { state: "all" });
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ headRef: MATRIX_BRANCH, user: sim.app.botLogin, state: "open" });
    expect(sim.state.file(DOCS, PAGE, pulls[0]!.headSha)).toContain("| Fedora | 44 | `fedora:44` |");
    expect(sim.state.commit(DOCS, pulls[0]!.headSha)!.message).toMatch(/Signed-off-by: support-matrix-bot\[bot\] </);
    // Every call went out with the token the job was given.
    expect(new Set(sim.calls.all.filter((c) => c.auth !== "anonymous").map((c) => c.auth))).toEqual(new Set(["installation"]));
    expect(result.summary).toContain(`| matrix | opened | [#${pulls[0]!.number}](`);
    expect(lines().find((l) => l.msg === "accepted")).toMatchObject({ deliveryId: "actions-4242.1", event: "push" });
  });

  it("a workflow_dispatch (or schedule) run reconciles both the matrix and the release changelog", async () => {
    await setUp();
    const result = await runAction(jobEnvironment("workflow_dispatch"), { log: capturingLogger().log });
    expect(result.exitCode).toBe(0);
    expect(result.reports.map((r) => `${r.kind}: ${r.outcome}`).sort()).toEqual(["matrix: opened", "releases: opened"]);
    expect(openPull(MATRIX_BRANCH)).toBeDefined();
    expect(openPull(RELEASES_BRANCH)).toBeDefined();

    // Run again on a schedule: nothing moved, nothing written.
    const mark = sim.calls.mark();
    const again = await runAction(jobEnvironment("schedule"), { log: capturingLogger().log });
    expect(again.reports.map((r) => r.outcome)).toEqual(["unchanged", "unchanged"]);
    expect(sim.calls.writes(mark)).toEqual([]);
  });

  it("a push that does not touch the workflow reads only the configuration, does nothing and says why", async () => {
    await setUp();
    const push = sim.push({ repo: INIT, files: { "README.md": "# moved\n" } });
    const mark = sim.calls.mark();
    const result = await runAction(jobEnvironment("push", push.payload), { log: capturingLogger().log });
    expect(result).toMatchObject({ exitCode: 0, reports: [] });
    expect(result.decision).toMatch(/^nothing to do: .*does not touch/);
    // A job is a fresh process: it learns which sources the docs repository configures before judging the push.
    expect(sim.calls.since(mark).map((c) => `${c.route} ${c.path.replace(/\?.*/, "")}`)).toEqual([
      "GET /repos/{owner}/{repo} /repos/kairos-io/kairos-docs",
      "GET /repos/{owner}/{repo}/branches/{branch} /repos/kairos-io/kairos-docs/branches/main",
      "GET /repos/{owner}/{repo}/contents/{path} /repos/kairos-io/kairos-docs/contents/.github%2Fsupport-matrix-bot.yml",
    ]);
    expect(result.summary).toContain("nothing to do");
  });

  it("fails the job when the workflow cannot be read, naming file:line:col in the summary", async () => {
    await setUp();
    const broken = TODAY_WORKFLOW.replace('        platform: [ "amd64", "arm64" ]', '        platform: [ "amd64", "arm64" ');
    const push = sim.push({ repo: INIT, files: { [WORKFLOW]: broken } });
    const result = await runAction(jobEnvironment("push", push.payload), { log: capturingLogger().log });
    expect(result).toMatchObject({ exitCode: EXIT_RECONCILE_FAILED, failures: 1 });
    expect(result.summary).toMatch(/- matrix: `\.github\/workflows\/test\.yml:\d+:\d+: /);
    expect(sim.state.pulls(DOCS, { state: "all" })).toEqual([]);
    expect(sim.state.statuses(INIT, push.after)[0]).toMatchObject({ state: "failure" });
  });

  it("refuses to start without the app token, naming every missing variable", async () => {
    await setUp();
    const env = jobEnvironment("push");
    delete env.APP_TOKEN;
    delete env.APP_SLUG;
    const error = await runAction(env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).problems.map((p) => p.variable)).toEqual(["APP_TOKEN", "APP_SLUG", "GITHUB_EVENT_PATH"]);
    expect((error as SettingsError).message).toContain("actions/create-github-app-token");
  });
});

const skip = buildMissing(distActions);
if (skip) console.warn(`github-actions.test.ts ${skip}`);

/** Runs `node dist/app/github-actions.js` as the workflow step would. */
function runStep(env: Record<string, string>): Promise<{ code: number | null; output: ProcessOutput }> {
  const output = new ProcessOutput();
  const child = spawn(process.execPath, [distActions], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  output.attach(child);
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, output })));
}

describe.skipIf(skip)("GitHub Actions mode, the built entry point", () => {
  it("exits 0 after opening the pull request, and 1 with an ::error annotation when the workflow is broken", async () => {
    await setUp();
    const push = sim.push({ repo: INIT, files: { [WORKFLOW]: FEDORA_44 } });
    const ok = await runStep(jobEnvironment("push", push.payload));
    expect(ok.code, ok.output.tail()).toBe(0);
    expect(openPull(MATRIX_BRANCH)).toBeDefined();
    expect(ok.output.withMessage(/^done$/)[0]).toMatchObject({ event: "push", failures: 0 });
    // The step writes the summary to GITHUB_STEP_SUMMARY through @actions/core.
    expect(stepSummary()).toContain("| matrix | opened |");

    const broken = sim.push({ repo: INIT, files: { [WORKFLOW]: `${FEDORA_44}\n  oops: [\n` } });
    const failed = await runStep(jobEnvironment("push", broken.payload));
    expect(failed.code, failed.output.tail()).toBe(EXIT_RECONCILE_FAILED);
    expect(failed.output.text.find((t) => t.startsWith("::error title=support-matrix-bot::"))).toMatch(/\.github\/workflows\/test\.yml:\d+:\d+: /);

    const misconfigured = await runStep({ ...jobEnvironment("schedule"), APP_TOKEN: "" });
    expect(misconfigured.code).toBe(EXIT_BAD_SETTINGS);
    expect(misconfigured.output.text.join("\n")).toContain("APP_TOKEN: is required");
  });
});

interface WorkflowStep {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

describe("the example workflow for the Kairos monorepo (deploy/github-actions)", () => {
  const workflow = parse(readFileSync(join(projectRoot, "deploy/github-actions/support-matrix-bot.yml"), "utf8")) as {
    on: Record<string, { branches?: string[]; paths?: string[] } | null | unknown[]>;
    permissions: unknown;
    jobs: Record<string, { steps: WorkflowStep[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const tokenStep = steps.find((s) => s.uses?.startsWith("actions/create-github-app-token@"));
  const botStep = steps.find((s) => s.run?.includes("support-matrix-bot-action"));

  // The template runs where the default source lives: kairos-io/kairos, master.yaml on master.
  const [source] = defaultConfig.sources;
  const sourceWorkflowName = (parse(readFixture("kairos", "workflows", "master.yaml")) as { name: string }).name;

  it("runs on pushes that change the default source's workflow, its finished runs, and events this mode reconciles everything for", () => {
    expect(source?.repository).toBe("kairos-io/kairos");
    expect(workflow.on.push).toMatchObject({ branches: ["master"], paths: [source?.workflow] });
    // workflow_run filters by the workflow's `name:`, not its file.
    expect(workflow.on.workflow_run).toMatchObject({ workflows: [sourceWorkflowName], types: ["completed"], branches: ["master"] });
    const judgedFromPayload = new Set(["push", "workflow_run"]);
    for (const event of Object.keys(workflow.on).filter((e) => !judgedFromPayload.has(e))) expect(RECONCILE_EVERYTHING).toContain(event);
    expect(Object.keys(workflow.on)).toContain("schedule");
    expect(workflow.permissions).toEqual({});
  });

  it("hands the bot an app installation token for kairos-io's docs and monorepo repositories, and its slug", () => {
    expect(tokenStep?.with).toMatchObject({ owner: "kairos-io", repositories: "kairos-docs,kairos" });
    expect(botStep?.env).toMatchObject({
      APP_TOKEN: `\${{ steps.${tokenStep?.id}.outputs.token }}`,
      APP_SLUG: `\${{ steps.${tokenStep?.id}.outputs.app-slug }}`,
    });
    // Every variable it sets is one the bot reads (a typo would be silently ignored).
    const known = new Set(["APP_TOKEN", "APP_SLUG", ...settingsVariables.map((v) => v.name)]);
    expect(Object.keys(botStep?.env ?? {}).filter((name) => !known.has(name))).toEqual([]);
  });

  it("pins every action by a full commit SHA, with the tag in a comment", () => {
    const text = readFileSync(join(projectRoot, "deploy/github-actions/support-matrix-bot.yml"), "utf8");
    const actions = steps.filter((s) => s.uses !== undefined).map((s) => s.uses!);
    expect(actions.length).toBeGreaterThan(0);
    for (const uses of actions) {
      expect(uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(text).toMatch(new RegExp(`${uses.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} # v\\d+\\.\\d+\\.\\d+`));
    }
  });

  it("runs the package's own bin, which is the built GitHub Actions entry point", () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin["support-matrix-bot-action"]).toBe("dist/app/github-actions.js");
    expect(readFileSync(join(projectRoot, "src/app/github-actions.ts"), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});
