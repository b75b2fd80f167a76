// With no configuration file the bot follows kairos-io/kairos master.yaml on master; the monorepo's never-run kairos-init copy costs nothing.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/app/server.js";
import { createGitHubSimulator, type GitHubSimulator } from "../github-simulator/index.js";
import { readFixture } from "../fixtures.js";
import { SECRET, startAppAgainst, webhookUrlOf } from "./app-environment.js";
import { seedSnapshotWorld, withAddedBoard, type SnapshotWorld } from "./snapshot-world.js";

const DOCS = "kairos-io/kairos-docs";
const PAGE = "docs/reference/image_matrix.md";
const KAIROS_INIT_COPY = "kairos-init/.github/workflows/test.yml";

let sim: GitHubSimulator | undefined;
let app: RunningServer | undefined;
afterEach(async () => {
  await app?.stop();
  await sim?.close();
  app = sim = undefined;
});

/** kairos-io/kairos at the bundled master.yaml, kairos-docs without `.github/support-matrix-bot.yml`, and the real server. */
async function start(options: { readConfiguration?: boolean } = {}): Promise<{ sim: GitHubSimulator; app: RunningServer; world: SnapshotWorld }> {
  sim = await createGitHubSimulator();
  const world = await seedSnapshotWorld(sim);
  app = await startAppAgainst(sim, { log: pino({ level: "silent" }), ...options });
  return { sim, app, world };
}

async function pushAndSettle(files: Record<string, string>, message: string) {
  const push = sim!.push({ repo: "kairos-io/kairos", files, message });
  const answer = await sim!.deliverWebhook({ url: webhookUrlOf(app!), secret: SECRET, event: "push", payload: push.payload });
  expect(answer.status).toBe(200);
  await app!.bot.idle();
  return push;
}

/** The tested-matrix table: the first table of the page (the release changelog's comes later). */
function tableRows(page: string): string[] {
  const rows = page.slice(page.indexOf("| Distribution |"));
  return rows.slice(0, rows.indexOf("\n\n")).split("\n").filter((line) => !line.startsWith("| ---"));
}

describe("no configuration file: kairos-io/kairos master.yaml", () => {
  it("a push to master that changes master.yaml opens the docs pull request with the new table, and the next one updates it", async () => {
    const { world } = await start();
    expect(sim!.state.file(DOCS, ".github/support-matrix-bot.yml")).toBeUndefined();
    const { workflow } = world.snapshot;
    const rpi5 = withAddedBoard(workflow.text);
    const first = await pushAndSettle({ [workflow.path]: rpi5 }, "ci: build Hadron for the Raspberry Pi 5");
    expect(first.payload.ref).toBe("refs/heads/master");

    const [pull, ...others] = sim!.state.pulls(DOCS, { state: "open" });
    expect(others).toEqual([]);
    expect(pull).toMatchObject({ headRef: "support-matrix-bot/tested-matrix", baseRef: "main", title: "docs: update the image support matrix from Kairos CI" });
    const opened = sim!.state.file(DOCS, PAGE, pull!.headSha)!;
    expect(tableRows(opened).map((row) => row.split(" | ").slice(0, 5).join(" | "))).toEqual([
      "| Distribution | Release | Image | amd64 | arm64",
      "| Hadron | v0.5.1 | `ghcr.io/kairos-io/hadron:v0.5.1` | core, standard (k3s) | core, Raspberry Pi 3, Raspberry Pi 4, Raspberry Pi 5",
      "| Hadron (Trusted Boot) | v0.5.1, Trusted Boot (UKI) | `ghcr.io/kairos-io/hadron-trusted:v0.5.1` | core, standard (k3s) | —",
      "| Ubuntu | 22.04 | `ubuntu:22.04` | — | NVIDIA Jetson AGX Orin, NVIDIA Jetson Orin NX",
    ]);
    expect(opened).toContain(`/kairos-io/kairos/blob/${first.after}/.github/workflows/master.yaml`);
    expect(pull!.body).toContain("Raspberry Pi 5");

    const second = await pushAndSettle({ [workflow.path]: withAddedBoard(rpi5, "nvidia-jetson-orin-nano") }, "ci: build Hadron for the Jetson Orin Nano");
    const [updated, ...more] = sim!.state.pulls(DOCS, { state: "open" });
    expect(more).toEqual([]);
    expect(updated!.number).toBe(pull!.number);
    const page = sim!.state.file(DOCS, PAGE, updated!.headSha)!;
    expect(tableRows(page)[1]).toContain("| core, NVIDIA Jetson Orin Nano, Raspberry Pi 3, Raspberry Pi 4, Raspberry Pi 5 |");
    expect(page).toContain(`/kairos-io/kairos/blob/${second.after}/.github/workflows/master.yaml`);
  });

  it.each([
    ["a process that has read its (missing) configuration", true],
    ["a fresh process, before any read", false],
  ])("a push that changes only kairos-init/.github/workflows/test.yml costs 0 API calls: %s", async (_name, readConfiguration) => {
    await start({ readConfiguration });
    const copy = readFixture("kairos", "workflows", "kairos-init-test.yml");
    const edited = copy.replace('         - "fedora:43"\n', '         - "fedora:43"\n         - "fedora:44"\n');
    expect(edited).not.toBe(copy);
    const mark = sim!.calls.mark();
    await pushAndSettle({ [KAIROS_INIT_COPY]: edited }, "kairos-init: test fedora:44");
    expect(sim!.calls.since(mark)).toEqual([]);
    expect(sim!.state.pulls(DOCS, { state: "all" })).toEqual([]);
  });
});
