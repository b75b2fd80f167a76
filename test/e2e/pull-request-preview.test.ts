// A kairos-init pull request that changes test.yml gets one check run previewing the docs change and the coverage lint.
import { afterEach, describe, expect, it } from "vitest";
import type { CheckRunView } from "../github-simulator/index.js";
import { readFixture } from "../fixtures.js";
import { CONFIG, DOCS, INIT, WORKFLOW, World, kairosInitConfig } from "./world.js";

const CHECK = "support-matrix-bot / docs preview";
const FILES_ROUTE = "GET /repos/{owner}/{repo}/pulls/{pull_number}/files";

const version = (name: string) => readFixture("kairos-init", "test.yml", `${name}.yml`);

let world: World;
afterEach(async () => {
  await world?.close();
});

/** kairos-init's main at `base`, and a pull request whose branch changes test.yml to `head`. */
async function workflowPullRequest(base: string, head: string, options: { docsFiles?: Record<string, string> } = {}) {
  world = await World.start({ workflow: base, ...(options.docsFiles ? { docsFiles: options.docsFiles } : {}) });
  return openPullRequest(head);
}

function openPullRequest(head: string, branch = "change-matrix") {
  const { after } = world.sim.push({ repo: INIT, branch, files: { [WORKFLOW]: head }, message: "ci: change the matrix" });
  const event = world.sim.openPullRequest({ repo: INIT, head: branch, title: "Change the matrix" });
  return { event, headSha: after };
}

async function deliverAndSettle(event: object): Promise<void> {
  expect((await world.deliver("pull_request", event)).status).toBe(200);
  await world.settle();
}

function onlyRun(sha: string): CheckRunView {
  const runs = world.sim.state.checkRuns(INIT, sha);
  expect(runs.map((r) => r.name)).toEqual([CHECK]);
  return runs[0]!;
}

const at = (run: CheckRunView) => run.annotations.map((a) => `${a.path}:${a.start_line} ${a.annotation_level}: ${a.message}`);

describe("kairos-init's real history as pull requests", () => {
  it("63225cb (#395) warns at both Hadron rpi4 includes that they replace the generic arm64 jobs", async () => {
    const { event, headSha } = await workflowPullRequest(version("2026-06-23-843d622"), version("2026-07-07-63225cb"));
    await deliverAndSettle(event);
    const run = onlyRun(headSha);
    expect(run).toMatchObject({ status: "completed", conclusion: "neutral" });
    const hadron = at(run).filter((a) => a.includes("model=rpi4"));
    expect(hadron).toEqual([
      expect.stringMatching(/^\.github\/workflows\/test\.yml:86 warning: include entry merged into the original job \{platform: arm64, base_image: ghcr\.io\/kairos-io\/hadron:v0\.4\.0\}/),
      expect.stringMatching(/^\.github\/workflows\/test\.yml:90 warning: include entry merged into the original job \{platform: arm64, base_image: ghcr\.io\/kairos-io\/hadron:main\}/),
    ]);
    expect(at(run)).toContain(".github/workflows/test.yml:22 warning: no longer tested: {platform: arm64, base_image: ghcr.io/kairos-io/hadron:main}");
    // In words, and as the diff the docs page would get.
    expect(run.output.summary).toContain("Hadron main (development build, ghcr.io/kairos-io/hadron:main) on arm64 no longer has a generic job.");
    expect(run.output.text).toContain("```diff\n");
    expect(run.output.text).toContain("+| Hadron | main (development build) | `ghcr.io/kairos-io/hadron:main` | generic | Raspberry Pi 4 | — |");
  });

  it("4a52b87 (#399) no longer warns about Hadron, but still about the amd64 ubuntu trusted_boot includes", async () => {
    const { event, headSha } = await workflowPullRequest(version("2026-07-13-352996f"), version("2026-07-13-4a52b87"));
    await deliverAndSettle(event);
    const run = onlyRun(headSha);
    expect(at(run).filter((a) => a.includes("hadron"))).toEqual([]);
    expect(run.annotations.map((a) => [a.start_line, a.message.match(/base_image: (ubuntu:[\d.]+)\}: that job now runs with trusted_boot="true"/)?.[1]])).toEqual([
      [59, "ubuntu:24.04"],
      [62, "ubuntu:25.10"],
      [65, "ubuntu:26.04"],
    ]);
    expect(run.output.summary).toContain("(already on main)");
  });

  it("f5722ab warns that the trusted-boot include overwrites the fips: true of the FIPS include", async () => {
    const { event, headSha } = await workflowPullRequest(version("2025-06-06-5de2111"), version("2025-06-09-f5722ab"));
    await deliverAndSettle(event);
    const overwrite = onlyRun(headSha).annotations.filter((a) => a.message.includes("overwriting fips=true"));
    expect(overwrite).toEqual([
      expect.objectContaining({
        path: WORKFLOW,
        start_line: 37,
        annotation_level: "warning",
        message: expect.stringContaining(`that the include entry at ${WORKFLOW}:31:13 added, so the job with fips=true is no longer tested`),
      }),
    ]);
  });
});

describe("the check run", () => {
  it("is updated in place on a later delivery for the same head commit: one run, annotations not doubled", async () => {
    const { event, headSha } = await workflowPullRequest(version("2026-06-23-843d622"), version("2026-07-07-63225cb"));
    await deliverAndSettle(event);
    const first = onlyRun(headSha);
    // The same delivery again changes nothing at all.
    const mark = world.sim.calls.mark();
    await deliverAndSettle(event);
    expect(world.sim.calls.writes(mark)).toEqual([]);
    // The docs maintainers make coverage loss a failure; the next delivery rewrites the same run.
    const docsPush = world.sim.push({ repo: DOCS, files: { [CONFIG]: kairosInitConfig("preview:\n  conclusion_on_coverage_loss: failure\n") } });
    await world.deliver("push", docsPush.payload);
    await world.settle();
    await deliverAndSettle(event);
    const second = onlyRun(headSha);
    expect(second).toMatchObject({ id: first.id, conclusion: "failure" });
    expect(second.annotations).toEqual(first.annotations);
    expect(second.output.summary).toContain("`preview.conclusion_on_coverage_loss: failure`, so this check fails");
  });

  it("fails when the docs configuration says so and the pull request loses coverage, and not otherwise", async () => {
    const docsFiles = { [CONFIG]: kairosInitConfig("preview:\n  conclusion_on_coverage_loss: failure\n") };
    const { event, headSha } = await workflowPullRequest(version("2026-06-23-843d622"), version("2026-07-07-63225cb"), { docsFiles });
    await deliverAndSettle(event);
    expect(onlyRun(headSha).conclusion).toBe("failure");
    // #399 only restores jobs: the trusted_boot warnings were already on main, so it loses nothing.
    world.sim.push({ repo: INIT, files: { [WORKFLOW]: version("2026-07-13-352996f") } });
    const fix = openPullRequest(version("2026-07-13-4a52b87"), "recover-hadron");
    await deliverAndSettle(fix.event);
    expect(onlyRun(fix.headSha).conclusion).toBe("neutral");
  });

  it("sends more than 50 annotations in batches of 50: the create, then an update", async () => {
    const images = Array.from({ length: 30 }, (_, i) => `"registry.example/os-${i}:1"`).join(", ");
    const matrix = (platforms: string) =>
      `name: test\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n` +
      `        platform: [${platforms}]\n        base_image: [${images}]\n    steps:\n      - run: make test\n`;
    const { event, headSha } = await workflowPullRequest(matrix("amd64, arm64, riscv64"), matrix("amd64"));
    const mark = world.sim.calls.mark();
    await deliverAndSettle(event);
    const run = onlyRun(headSha);
    expect(run.annotations).toHaveLength(60);
    expect(run.annotations.every((a) => a.message.startsWith("no longer tested: {platform: "))).toBe(true);
    const checkWrites = world.sim.calls.writes(mark).filter((c) => c.route.includes("/check-runs"));
    expect(checkWrites.map((c) => c.route)).toEqual(["POST /repos/{owner}/{repo}/check-runs", "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]);
  });

  it("is not posted when the docs configuration turns previews off", async () => {
    const docsFiles = { [CONFIG]: kairosInitConfig("preview:\n  enabled: false\n") };
    const { event, headSha } = await workflowPullRequest(version("2026-06-23-843d622"), version("2026-07-07-63225cb"), { docsFiles });
    await deliverAndSettle(event);
    expect(world.sim.state.checkRuns(INIT, headSha)).toEqual([]);
    expect(world.sim.calls.count(FILES_ROUTE)).toBe(0);
  });

  it("fails with the located error when the pull request's workflow does not parse", async () => {
    const broken = version("2026-07-13-4a52b87").replace('        platform: [ "amd64", "arm64" ]', '        platform: [ "amd64", "arm64" ');
    expect(broken).not.toBe(version("2026-07-13-4a52b87"));
    const { event, headSha } = await workflowPullRequest(version("2026-07-13-4a52b87"), broken);
    await deliverAndSettle(event);
    const run = onlyRun(headSha);
    expect(run.conclusion).toBe("failure");
    expect(run.annotations).toEqual([expect.objectContaining({ path: WORKFLOW, annotation_level: "failure" })]);
    expect(run.output.summary).toMatch(new RegExp(`${WORKFLOW.replace(/\./g, "\\.")}:${run.annotations[0]!.start_line}:\\d+: `));
  });

  it("costs only the files call, and posts nothing, for a pull request that leaves the workflow alone", async () => {
    world = await World.start();
    world.app.bot.trigger("startup");
    await world.settle();
    world.sim.push({ repo: INIT, branch: "readme", files: { "README.md": "# kairos-init, reworded\n" } });
    const event = world.sim.openPullRequest({ repo: INIT, head: "readme", title: "Reword the README" });
    const mark = world.sim.calls.mark();
    await deliverAndSettle(event);
    expect(world.sim.calls.since(mark).map((c) => c.route)).toEqual([FILES_ROUTE]);
    expect(world.sim.state.checkRuns(INIT, event.pull_request.head.sha)).toEqual([]);
  });
});

describe("pull requests from forks", () => {
  const fork = "contributor/kairos-init";

  function forkPullRequest(head: string) {
    const { after } = world.sim.push({ repo: fork, branch: "hadron-rpi4", files: { [WORKFLOW]: head }, author: "contributor" });
    const event = world.sim.openPullRequest({ repo: INIT, head: "contributor:hadron-rpi4", title: "Hadron on the Pi", user: "contributor" });
    return { event, headSha: after };
  }

  it("reads the fork's head commit through the base repository and posts the check there", async () => {
    world = await World.start({ workflow: version("2026-06-23-843d622") });
    world.sim.createRepo({ owner: "contributor", name: "kairos-init", fork: { parent: INIT }, installed: false, ownerType: "User" });
    const { event, headSha } = forkPullRequest(version("2026-07-07-63225cb"));
    await deliverAndSettle(event);
    expect(at(onlyRun(headSha)).filter((a) => a.includes("model=rpi4"))).toHaveLength(2);
    expect(world.sim.calls.all.filter((c) => c.path.startsWith(`/repos/${fork}/`))).toEqual([]);
  });

  it("falls back to the fork when the base repository does not serve the head commit", async () => {
    world = await World.start({ workflow: version("2026-06-23-843d622") });
    world.sim.createRepo({ owner: "contributor", name: "kairos-init", fork: { parent: INIT }, installed: true, ownerType: "User" });
    const { event, headSha } = forkPullRequest(version("2026-07-07-63225cb"));
    // The head is read before the base, so this answers the head read only.
    world.sim.faults.rule({ method: "GET", path: /^\/repos\/kairos-io\/kairos-init\/contents\/\.github%2Fworkflows%2Ftest\.yml$/, status: 404, body: { message: "No commit found for the ref" } });
    await deliverAndSettle(event);
    expect(at(onlyRun(headSha)).filter((a) => a.includes("model=rpi4"))).toHaveLength(2);
    expect(world.sim.calls.all.some((c) => c.path.startsWith(`/repos/${fork}/contents/`) && c.status === 200)).toBe(true);
  });
});

describe("after merge", () => {
  it("the docs pull request lists the same coverage findings as the preview did", async () => {
    world = await World.start({ workflow: version("2026-06-23-843d622") });
    // The docs page first follows the base version, so the merge is compared with it.
    world.app.bot.trigger("startup");
    await world.settle();
    const [firstTable] = world.openBotPulls();
    world.sim.mergePullRequest(DOCS, firstTable!.number);
    const { event, headSha } = openPullRequest(version("2026-07-07-63225cb"));
    await deliverAndSettle(event);
    const previewed = onlyRun(headSha).annotations.map((a) => `${a.path}:${a.start_line}`);

    const merge = world.sim.mergePullRequest(INIT, event.number);
    await world.deliver("push", merge.push);
    await world.settle();
    const [docsPull] = world.openBotPulls();
    const body = docsPull!.body ?? "";
    const listed = [...body.slice(body.indexOf("#### Coverage warnings")).matchAll(/^- \[([^\]]+):(\d+):\d+\]/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(previewed).toHaveLength(7);
    expect(listed).toEqual(previewed);
  });
});
