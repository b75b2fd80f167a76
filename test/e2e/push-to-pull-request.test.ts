// A push to kairos-init's test.yml becomes one correct pull request on the docs repository, end to end over HTTP.
import { afterEach, describe, expect, it } from "vitest";
import { DOCS, INIT, PAGE, TODAY_WORKFLOW, WORKFLOW, World } from "./world.js";

let world: World;
afterEach(async () => {
  await world?.close();
});

const FEDORA_44 = TODAY_WORKFLOW.replace('         - "fedora:43"\n', '         - "fedora:43"\n         - "fedora:44"\n');

describe("a workflow change", () => {
  it("opens one pull request with the regenerated table, and nothing else on the page changes", async () => {
    world = await World.start();
    const { payload, after } = world.sim.push({ repo: INIT, files: { [WORKFLOW]: FEDORA_44 }, message: "Test Fedora 44" });
    const answer = await world.deliver("push", payload);
    expect(answer.status).toBe(200);
    await world.settle();

    const [pull, ...others] = world.openBotPulls();
    expect(others).toHaveLength(0);
    expect(pull).toMatchObject({ headRef: "support-matrix-bot/tested-matrix", baseRef: "main", user: world.sim.app.botLogin });
    const page = world.pageOn(pull!.headSha)!;
    expect(page).toContain("| Fedora | 44 | `fedora:44` | generic | generic | — |");
    expect(page).toContain(`at commit [${after.slice(0, 7)}](${world.sim.url}/${INIT}/blob/${after}/${WORKFLOW})`);
    // Every byte outside the generated section is the docs' own.
    const original = world.pageOn("main")!;
    expect(page.slice(0, page.indexOf("## Tested distribution matrix"))).toBe(original.slice(0, original.indexOf("## Tested distribution matrix")));
    expect(page.slice(page.indexOf("## What this means for users"))).toBe(original.slice(original.indexOf("## What this means for users")));
    expect(pull!.body).toContain("Test Fedora 44");
    expect(pull!.body).toContain(after.slice(0, 7));

    const commit = world.sim.state.commit(DOCS, pull!.headSha)!;
    expect(commit.parents).toEqual([world.sim.state.ref(DOCS, "heads/main")]);
    expect(commit.message).toMatch(/\nSigned-off-by: support-matrix-bot\[bot\] <\d+\+support-matrix-bot\[bot\]@users\.noreply\.127\.0\.0\.1>\n$/);
    expect(commit.verified).toBe(true);
  });

  it("is idempotent: the same delivery five more times changes nothing", async () => {
    world = await World.start();
    const { payload } = world.sim.push({ repo: INIT, files: { [WORKFLOW]: FEDORA_44 } });
    await world.deliver("push", payload, "delivery-1");
    await world.settle();
    const [pull] = world.openBotPulls();
    const mark = world.sim.calls.mark();
    for (let i = 0; i < 5; i++) await world.deliver("push", payload, "delivery-1");
    await world.settle();
    expect(world.sim.calls.writes(mark)).toEqual([]);
    expect(world.openBotPulls()).toEqual([pull]);
  });

  it("irrelevant pushes cost zero API calls", async () => {
    world = await World.start();
    // Warm up: the bot has read its configuration once (and proposed the first table).
    world.app.bot.trigger("startup");
    await world.settle();
    const before = world.openBotPulls();
    world.sim.createRepo({ owner: "someone", name: "kairos-init", files: { [WORKFLOW]: FEDORA_44 } });
    const mark = world.sim.calls.mark();
    const pushes = [
      world.sim.push({ repo: INIT, files: { "README.md": "# changed\n" } }).payload,
      world.sim.push({ repo: INIT, branch: "feature", files: { [WORKFLOW]: FEDORA_44 } }).payload,
      world.sim.pushTag({ repo: INIT, tag: "v9.9.9" }).payload,
      world.sim.push({ repo: "someone/kairos-init", files: { [WORKFLOW]: TODAY_WORKFLOW } }).payload,
      world.sim.deleteRef({ repo: INIT, ref: "feature" }).payload,
    ];
    for (const payload of pushes) expect((await world.deliver("push", payload)).status).toBe(200);
    await world.settle();
    expect(world.sim.calls.since(mark)).toEqual([]);
    expect(world.openBotPulls()).toEqual(before);
  });

  it("a bad or missing signature is refused with 4xx and nothing runs", async () => {
    world = await World.start();
    const { payload } = world.sim.push({ repo: INIT, files: { [WORKFLOW]: FEDORA_44 } });
    const mark = world.sim.calls.mark();
    const wrong = await world.sim.deliverWebhook({ url: world.webhookUrl, secret: "not-the-secret", event: "push", payload });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
    const unsigned = await fetch(world.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": "unsigned" },
      body: JSON.stringify(payload),
    });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    expect(unsigned.status).toBeLessThan(500);
    await world.settle();
    expect(world.sim.calls.since(mark)).toEqual([]);
  });

  it("a malformed workflow opens no pull request and marks the kairos-init commit failed with file:line:col", async () => {
    world = await World.start();
    const broken = TODAY_WORKFLOW.replace('        platform: [ "amd64", "arm64" ]', '        platform: [ "amd64", "arm64" ');
    const { payload, after } = world.sim.push({ repo: INIT, files: { [WORKFLOW]: broken } });
    await world.deliver("push", payload);
    await world.settle();
    expect(world.openBotPulls()).toEqual([]);
    expect(world.sim.state.branches(DOCS)).toEqual(["main"]);
    const [status] = world.sim.state.statuses(INIT, after);
    expect(status).toMatchObject({ state: "failure", context: "support-matrix-bot" });
    expect(status!.description).toMatch(/^\.github\/workflows\/test\.yml:\d+:\d+: /);
  });
});

describe("the page already says it", () => {
  it("a matrix change that a maintainer merged by hand closes the bot's pull request and deletes its branch", async () => {
    world = await World.start();
    const { payload } = world.sim.push({ repo: INIT, files: { [WORKFLOW]: FEDORA_44 } });
    await world.deliver("push", payload);
    await world.settle();
    const [pull] = world.openBotPulls();
    // A maintainer copies the proposed page onto main themselves.
    const proposed = world.pageOn(pull!.headSha)!;
    const docsPush = world.sim.push({ repo: DOCS, files: { [PAGE]: proposed }, message: "docs: copy the table by hand" });
    await world.deliver("push", docsPush.payload);
    await world.settle();
    expect(world.openBotPulls()).toEqual([]);
    expect(world.sim.state.pull(DOCS, pull!.number)).toMatchObject({ state: "closed", merged: false });
    expect(world.sim.state.branches(DOCS)).toEqual(["main"]);
    expect(world.sim.state.comments(DOCS, pull!.number).at(-1)?.body).toMatch(/already says what this pull request proposed/);
  });
});

describe("a push whose commit lists cannot say what changed", () => {
  it("a forced push that leaves test.yml as it was costs two reads and no reconcile", async () => {
    world = await World.start();
    world.sim.push({ repo: INIT, files: { "README.md": "# one\n" } });
    const rewritten = world.sim.push({ repo: INIT, files: { "README.md": "# two\n" }, force: true });
    expect(rewritten.payload.forced).toBe(true);
    const mark = world.sim.calls.mark();
    await world.deliver("push", rewritten.payload);
    await world.settle();
    // (After the installation token, which a fresh process fetches once.)
    const routes = world.sim.calls.since(mark).map((c) => c.route).filter((r) => !r.includes("/access_tokens"));
    expect(routes).toEqual([
      "GET /repos/{owner}/{repo}/contents/{path}",
      "GET /repos/{owner}/{repo}/contents/{path}",
    ]);
    expect(world.openBotPulls()).toEqual([]);
  });

  it("a forced push that rewrites test.yml is compared blob to blob and reconciled", async () => {
    world = await World.start();
    const rewritten = world.sim.push({ repo: INIT, files: { [WORKFLOW]: FEDORA_44 }, force: true, message: "rewrite history" });
    await world.deliver("push", rewritten.payload);
    await world.settle();
    const [pull] = world.openBotPulls();
    expect(world.pageOn(pull!.headSha)).toContain("`fedora:44`");
  });
});
