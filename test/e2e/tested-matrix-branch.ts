// The bot's tested-matrix branch as tests see it: workflow variants that change the table, and what happened to the branch.
import { expect } from "vitest";
import { DOCS, INIT, PAGE, TODAY_WORKFLOW, WORKFLOW, type World } from "./world.js";

export const MATRIX_BRANCH = "support-matrix-bot/tested-matrix";

/** Each default component repository with one release: release reconciles read something real and report nothing. */
export const COMPONENT_RELEASES = Object.fromEntries(
  ["kairos-io/kairos", "kairos-io/provider-kairos", "kairos-io/immucore", "kairos-io/AuroraBoot", "kairos-io/osbuilder"].map((repository) => [
    repository,
    [{ tag: "v1.0.0", date: "2026-07-01T00:00:00Z" }],
  ]),
);

/** kairos-init's workflow with one more Fedora release tested: each `release` makes a different matrix. */
export function withFedora(release: number): string {
  return TODAY_WORKFLOW.replace('         - "fedora:43"\n', `         - "fedora:43"\n         - "fedora:${release}"\n`);
}

/** The table row that `withFedora(release)` adds. */
export function fedoraRow(release: number): string {
  return `| Fedora | ${release} | \`fedora:${release}\` | generic | generic | — |`;
}

/** Pushes a workflow change to kairos-init, delivers it and waits for the work it caused. Returns the commit. */
export async function pushWorkflow(world: World, text: string, options: { repo?: string; path?: string; message?: string } = {}): Promise<string> {
  const { payload, after } = world.sim.push({
    repo: options.repo ?? INIT,
    files: { [options.path ?? WORKFLOW]: text },
    message: options.message ?? "Change the tested images",
  });
  await world.deliver("push", payload);
  await world.settle();
  return after;
}

/** Pushes to the docs default branch as a human writer, delivers it and waits. Returns the commit. */
export async function pushDocs(world: World, files: Record<string, string | null>, message = "docs: change"): Promise<string> {
  const { payload, after } = world.sim.push({ repo: DOCS, files, message, author: "writer" });
  await world.deliver("push", payload);
  await world.settle();
  return after;
}

/** Open tested-matrix pull requests (the release changelog has its own). */
export function matrixPulls(world: World) {
  return world.sim.state.pulls(DOCS, { state: "open", head: MATRIX_BRANCH });
}

/** The one open tested-matrix pull request. */
export function matrixPull(world: World) {
  const [pull, ...others] = matrixPulls(world);
  expect(others).toEqual([]);
  expect(pull, "an open tested-matrix pull request").toBeDefined();
  return pull!;
}

export function branchHead(world: World): string | undefined {
  return world.sim.state.ref(DOCS, `heads/${MATRIX_BRANCH}`);
}

/** Every move of the bot's branch, as GitHub reported it in push webhooks. */
export function branchPushes(world: World): { forced: boolean; before: string; after: string }[] {
  return world.sim.webhooks.all
    .filter((w) => w.event === "push" && (w.payload as { ref?: string }).ref === `refs/heads/${MATRIX_BRANCH}`)
    .map((w) => w.payload as { forced: boolean; before: string; after: string });
}

/** Comments the bot made on a pull request. */
export function botComments(world: World, number: number) {
  return world.sim.state.comments(DOCS, number).filter((c) => c.user === world.sim.app.botLogin);
}

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly work?: string;
  readonly outcome?: string;
  readonly err?: { readonly message: string };
}

export function logLines(world: World): LogLine[] {
  return world.logLines.map((line) => JSON.parse(line) as LogLine);
}

/** pino's error and fatal lines. */
export function errorLines(world: World): LogLine[] {
  return logLines(world).filter((l) => l.level >= 50);
}

const BEGIN = "<!-- support-matrix-bot:tested-matrix:begin";
const END = "<!-- support-matrix-bot:tested-matrix:end -->";

/** The page outside the generated block's markers: what a pull request must never change. */
export function outsideBlock(page: string): [string, string] {
  const begin = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  expect(begin).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(begin);
  return [page.slice(0, begin), page.slice(end)];
}

/** GitHub's "Update branch" button: a merge of main into the bot branch, authored by the person who pressed it. */
export async function updateBranchAsHuman(world: World, login: string): Promise<string> {
  const { sim } = world;
  const scratch = sim.push({ repo: DOCS, branch: "scratch", files: { "scratch.txt": login }, author: login });
  const email = sim.state.commit(DOCS, scratch.after)!.author.email;
  sim.deleteRef({ repo: DOCS, ref: "scratch" });
  const main = sim.state.ref(DOCS, "heads/main")!;
  const head = branchHead(world)!;
  const call = async (method: string, path: string, body: object): Promise<{ sha: string }> => {
    const response = await fetch(`${sim.apiUrl}/repos/${DOCS}/${path}`, {
      method,
      headers: { authorization: `token ${sim.installationToken("kairos-io")}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.ok).toBe(true);
    return (await response.json()) as { sha: string };
  };
  const tree = await call("POST", "git/trees", {
    base_tree: sim.state.commit(DOCS, main)!.tree,
    tree: [{ path: PAGE, mode: "100644", type: "blob", content: world.pageOn(head) }],
  });
  const merge = await call("POST", "git/commits", {
    message: `Merge branch 'main' into ${MATRIX_BRANCH}`,
    tree: tree.sha,
    parents: [head, main],
    author: { name: login, email, date: new Date().toISOString() },
  });
  await call("PATCH", `git/refs/heads/${MATRIX_BRANCH}`, { sha: merge.sha, force: false });
  return merge.sha;
}
