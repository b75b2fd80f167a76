// A fork's pull request cannot stall the bot: its preview runs in a worker while /healthz answers, and a huge file is refused unread.
import { afterEach, describe, expect, it } from "vitest";
import { readFixture } from "../fixtures.js";
import { INIT, WORKFLOW, World } from "./world.js";

const CHECK = "support-matrix-bot / docs preview";
const BLOB_ROUTE = "GET /repos/{owner}/{repo}/git/blobs/{file_sha}";
const FORK = "contributor/kairos-init";

let world: World;
afterEach(async () => {
  await world?.close();
});

async function forkPullRequest(head: string) {
  world.sim.createRepo({ owner: "contributor", name: "kairos-init", fork: { parent: INIT }, installed: false, ownerType: "User" });
  const { after } = world.sim.push({ repo: FORK, branch: "big", files: { [WORKFLOW]: head }, author: "contributor" });
  const event = world.sim.openPullRequest({ repo: INIT, head: "contributor:big", title: "A big matrix", user: "contributor" });
  return { event, headSha: after };
}

async function healthLatencyMs(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${world.app.port}/healthz`);
  expect(response.status).toBe(200);
  return performance.now() - started;
}

describe("a fork's pull request", () => {
  it("is previewed in a worker thread while /healthz keeps answering within 100 ms", async () => {
    const today = readFixture("kairos-init", "test.yml", "2026-07-13-4a52b87.yml");
    world = await World.start({ workflow: today });
    // About 200 KB of env: legal, and slow enough to parse (several times per preview) to measure during.
    const env = Array.from({ length: 10_000 }, (_, i) => `  VARIABLE_${String(i).padStart(5, "0")}: v`).join("\n");
    const { event, headSha } = await forkPullRequest(`env:\n${env}\n${today}`);
    // A first request opens the connection, so the measured ones time the answer only.
    await healthLatencyMs();
    expect((await world.deliver("pull_request", event)).status).toBe(200);
    await world.logLine("preview worker started");
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) latencies.push(await healthLatencyMs());
    // Still computing: the latencies were measured while the worker ran.
    expect(world.sim.state.checkRuns(INIT, headSha)).toEqual([]);
    // The median: on a loaded 2-core CI machine one request may lose the CPU to other processes. A blocked
    // event loop would hold every request until the preview ended, and the check run would exist by now.
    const median = [...latencies].sort((a, b) => a - b)[2] as number;
    expect(median).toBeLessThan(100);
    await world.settle();
    expect(world.sim.state.checkRuns(INIT, headSha).map((r) => [r.name, r.conclusion, r.output.title])).toEqual([[CHECK, "neutral", "No tested-job change; 3 coverage warnings"]]);
  });

  it("with a 40 MB test.yml gets a failed check run naming the size, and the file is never downloaded", async () => {
    world = await World.start({ workflow: readFixture("kairos-init", "test.yml", "2026-07-13-4a52b87.yml") });
    const huge = `# ${"x".repeat(40 * 1024 * 1024)}\n`;
    const { event, headSha } = await forkPullRequest(huge);
    expect((await world.deliver("pull_request", event)).status).toBe(200);
    await world.settle();
    const [run, ...others] = world.sim.state.checkRuns(INIT, headSha);
    expect(others).toEqual([]);
    expect(run).toMatchObject({ name: CHECK, conclusion: "failure" });
    expect(run?.output.summary).toContain(`${WORKFLOW}:1:1: file is ${huge.length} bytes; support-matrix-bot reads files of at most 1048576 bytes`);
    expect(run?.annotations).toEqual([expect.objectContaining({ path: WORKFLOW, start_line: 1, annotation_level: "failure" })]);
    expect(world.sim.calls.count(BLOB_ROUTE)).toBe(0);
  });
});
