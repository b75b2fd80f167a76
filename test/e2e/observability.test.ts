// What an operator sees of a real process: JSON logs that trace every delivery and reconcile, no secret in them, and /metrics that move.
import { afterEach, describe, expect, it } from "vitest";
import { createGitHubSimulator, type GitHubSimulator } from "../github-simulator/index.js";
import { AppProcess, buildMissing, distMain, ONE_RELEASE_EACH, type LogLine } from "./app-process.js";
import { DOCS, INIT, SECRET, seed, TODAY_WORKFLOW, WORKFLOW } from "./world.js";

const skip = buildMissing(distMain);
if (skip) console.warn(`observability.test.ts ${skip}`);

const FEDORA_44 = TODAY_WORKFLOW.replace('         - "fedora:43"\n', '         - "fedora:43"\n         - "fedora:44"\n');

let sim: GitHubSimulator | undefined;
let app: AppProcess | undefined;

afterEach(async () => {
  sim?.faults.clear();
  await app?.kill();
  await sim?.close();
  app = sim = undefined;
});

/** One sample of a Prometheus text exposition, 0 when absent. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of exposition.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? "").split(",").filter(Boolean);
    if (wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return 0;
}

function sum(exposition: string, name: string): number {
  return exposition
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}

async function metrics(process: AppProcess): Promise<string> {
  const response = await fetch(`${process.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The secrets this scenario handed the app or that GitHub issued to it. */
function secretsOf(sim: GitHubSimulator): { name: string; value: string }[] {
  const keyLines = sim.app.privateKey
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("-----"))
    .map((line, i) => ({ name: `private key line ${i + 1}`, value: line }));
  const tokens = [...new Set(sim.calls.all.map((c) => c.token).filter((t): t is string => t !== null))].map((token) => ({
    name: `installation token ${token.slice(0, 6)}…`,
    value: token,
  }));
  return [...keyLines, ...tokens, { name: "webhook secret", value: SECRET }];
}

describe.skipIf(skip)("a full scenario on the real process, LOG_LEVEL=debug", () => {
  it("logs each delivery and reconcile as JSON with ids, outcomes, API calls and rate limit, and never a secret", async () => {
    sim = await createGitHubSimulator();
    seed(sim, { releases: ONE_RELEASE_EACH });
    app = await AppProcess.start(sim, { env: { LOG_LEVEL: "debug" } });
    await app.waitForReconciles(2);
    const before = await metrics(app);

    // Caught mid-reconcile, the queue depth shows the work in flight.
    const hold = sim.hold("POST", "/repos/{owner}/{repo}/git/commits");
    const push = sim.push({ repo: INIT, files: { [WORKFLOW]: FEDORA_44 }, message: "Test Fedora 44" });
    const accepted = await app.deliver("push", push.payload, "delivery-workflow-push");
    await hold.held;
    expect(sample(await metrics(app), "support_matrix_bot_queue_depth")).toBe(1);
    hold.release();
    await app.waitForReconciles(3);

    const ignored = await app.deliver("push", sim.push({ repo: INIT, files: { "README.md": "# moved\n" } }).payload, "delivery-readme-push");
    const forged = await sim.deliverWebhook({ url: app.webhookUrl, secret: "not-the-secret", event: "push", payload: push.payload, id: "delivery-forged" });
    const release = sim.createRelease({ repo: "kairos-io/immucore", tag: "v2.1.0" });
    await app.deliver("release", release.payloads.at(-1)!, "delivery-release");
    await app.waitForReconciles(2, "releases");
    // A failing GitHub (every retry answered 502) must be logged without the request's credentials.
    sim.faults.rule({ method: "GET", route: "/repos/{owner}/{repo}/pulls", status: 502, times: 20 });
    const docsPush = sim.push({ repo: DOCS, files: { "README.md": "# docs moved\n" } });
    await app.deliver("push", docsPush.payload, "delivery-docs-push");
    // The docs push calls for both kinds of work; both end (in failure) before the faults are lifted.
    const endedByDocsPush = (): LogLine[] =>
      app!.output.lines.filter((l) => /^(work failed|reconciled)/.test(l.msg ?? "") && l.deliveries?.toString() === "delivery-docs-push");
    await app.output.waitForLine(() => endedByDocsPush().length === 2);
    sim.faults.clear();
    expect([accepted.status, ignored.status, forged.status]).toEqual([200, 200, 401]);

    const lines = app.output.lines;
    const unparsed = lines.filter((l) => l.level === undefined);
    expect(unparsed.map((l) => l.raw)).toEqual([]);

    // Every line of one delivery carries its id: the HTTP answer, the decision, the reconcile it caused.
    const ofDelivery = (id: string): LogLine[] =>
      lines.filter((l) => l.deliveryId === id || (Array.isArray(l.deliveries) && l.deliveries.includes(id)));
    expect(ofDelivery("delivery-workflow-push").map((l) => l.msg)).toEqual(
      expect.arrayContaining(["webhook delivery answered", "accepted", "reconciled"]),
    );
    expect(ofDelivery("delivery-workflow-push").find((l) => l.msg === "accepted")).toMatchObject({ event: "push", repository: INIT });
    const reconciled = ofDelivery("delivery-workflow-push").find((l) => l.msg === "reconciled")!;
    expect(reconciled).toMatchObject({ work: "matrix", repository: DOCS, outcome: "updated" });
    expect(reconciled.apiCalls).toBeGreaterThan(0);
    expect(reconciled.rateLimitRemaining).toBeGreaterThan(0);
    expect(reconciled.rateLimitRemaining).toBeLessThan(5000);
    expect(ofDelivery("delivery-readme-push").find((l) => l.msg === "ignored")).toMatchObject({ event: "push", reason: expect.stringContaining("does not touch") });
    expect(ofDelivery("delivery-forged").find((l) => l.msg === "webhook delivery answered")).toMatchObject({ status: 401, event: "push" });
    expect(ofDelivery("delivery-release").find((l) => l.msg === "reconciled")).toMatchObject({ work: "releases", repository: DOCS });

    const secrets = secretsOf(sim);
    expect(secrets.filter((s) => s.name.startsWith("installation token")).length).toBeGreaterThan(0);
    const everything = app.output.text.join("\n");
    const leaked = secrets.filter((secret) => everything.includes(secret.value)).map((s) => s.name);
    expect(leaked).toEqual([]);
    expect(everything).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/); // the app's JWT

    const after = await metrics(app);
    const delivered = (event: string, outcome: string): number =>
      sample(after, "support_matrix_bot_webhook_deliveries_total", { event, outcome }) -
      sample(before, "support_matrix_bot_webhook_deliveries_total", { event, outcome });
    expect(delivered("push", "triggered")).toBe(2);
    expect(delivered("push", "ignored")).toBe(1);
    expect(delivered("push", "rejected")).toBe(1);
    expect(delivered("release", "triggered")).toBe(1);
    const reconciles = (target: string, outcome: string): number =>
      sample(after, "support_matrix_bot_reconciles_total", { target, outcome }) -
      sample(before, "support_matrix_bot_reconciles_total", { target, outcome });
    expect(reconciles("matrix", "updated")).toBe(1);
    expect(reconciles("matrix", "failed")).toBe(1);
    expect(sum(after, "support_matrix_bot_github_api_calls_total")).toBeGreaterThan(sum(before, "support_matrix_bot_github_api_calls_total"));
    expect(sample(after, "support_matrix_bot_github_api_calls_total", { method: "GET", status: "502" })).toBeGreaterThan(0);
    expect(sample(after, "support_matrix_bot_queue_depth")).toBe(0);
    const lastSuccess = sample(after, "support_matrix_bot_last_successful_reconcile_timestamp_seconds", { target: "releases" });
    expect(lastSuccess).toBeGreaterThan(sample(before, "support_matrix_bot_last_successful_reconcile_timestamp_seconds", { target: "releases" }));
    expect(Math.abs(lastSuccess - Date.now() / 1000)).toBeLessThan(60);
    const remaining = sample(after, "support_matrix_bot_github_rate_limit_remaining");
    expect(remaining).toBeLessThan(sample(before, "support_matrix_bot_github_rate_limit_remaining"));
    expect(remaining).toBeGreaterThan(0);
  });
});
