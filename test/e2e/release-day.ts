// Release-day moves for end-to-end tests: a docs page that already carries the bot's changelog, releases, merges.
import { expect } from "vitest";
import type { ReleaseResult } from "../github-simulator/index.js";
import { defaultComponentHistory } from "./release-history.js";
import { DOCS, INIT, PAGE, WORKFLOW, World, type WorldOptions } from "./world.js";

export const PROVIDER = "kairos-io/provider-kairos";
export const RELEASE_BRANCH = "support-matrix-bot/release-changelog";
export const MATRIX_BRANCH = "support-matrix-bot/tested-matrix";
export { CONFIG, kairosInitConfig } from "./world.js";
export const RECORD_LINE = "<!-- support-matrix-bot:releases ";

/** The page on main after the bot's first release pull request was merged, and the simulator URL its links carry. */
export interface Yesterday {
  readonly page: string;
  readonly simUrl: string;
}

/** Runs the bot once on the real history and keeps the page its release pull request proposes. */
export async function yesterday(): Promise<Yesterday> {
  const first = await World.start({ releases: defaultComponentHistory() });
  try {
    first.app.bot.trigger("startup");
    await first.settle();
    const [pull] = first.sim.state.pulls(DOCS, { state: "open", head: RELEASE_BRANCH });
    return { page: first.pageOn(pull!.headSha)!, simUrl: first.sim.url };
  } finally {
    await first.close();
  }
}

export class ReleaseDay {
  private constructor(readonly world: World) {}

  /** A world where main already carries yesterday's changelog (v2.16.4 for the provider), and nothing is open. */
  static async start(before: Yesterday, options: WorldOptions = {}): Promise<ReleaseDay> {
    const world = await World.start({ releases: defaultComponentHistory(), ...options });
    // Release links point at the simulator's web host, which moves with its port.
    const page = before.page.replaceAll(before.simUrl, world.sim.url);
    world.sim.push({ repo: DOCS, files: { [PAGE]: page }, message: "Merge the release changelog" });
    return new ReleaseDay(world);
  }

  /** Delivers every release webhook GitHub sends for one action, in order, and waits for the work they cause. */
  async deliverRelease(result: ReleaseResult): Promise<ReleaseResult> {
    for (const payload of result.payloads) expect((await this.world.deliver("release", payload)).status).toBe(200);
    await this.world.settle();
    return result;
  }

  publish(repo: string, tag: string, date: string, prerelease = false): Promise<ReleaseResult> {
    return this.deliverRelease(this.world.sim.createRelease({ repo, tag, createdAt: date, prerelease }));
  }

  async pushToDocs(files: Record<string, string>, message: string): Promise<void> {
    const { payload } = this.world.sim.push({ repo: DOCS, files, message });
    await this.world.deliver("push", payload);
    await this.world.settle();
  }

  async pushWorkflow(workflow: string): Promise<void> {
    const { payload } = this.world.sim.push({ repo: INIT, files: { [WORKFLOW]: workflow }, message: "Change the tested matrix" });
    await this.world.deliver("push", payload);
    await this.world.settle();
  }

  /** A maintainer presses "Merge"; GitHub sends the closed pull request and the push to main. */
  async merge(number: number): Promise<void> {
    const merged = this.world.sim.mergePullRequest(DOCS, number);
    await this.world.deliver("pull_request", merged.pullRequest);
    await this.world.deliver("push", merged.push);
    await this.world.settle();
  }

  releasePulls() {
    return this.world.sim.state.pulls(DOCS, { state: "open", head: RELEASE_BRANCH });
  }

  matrixPulls() {
    return this.world.sim.state.pulls(DOCS, { state: "open", head: MATRIX_BRANCH });
  }

  onlyReleasePull() {
    const pulls = this.releasePulls();
    expect(pulls).toHaveLength(1);
    return pulls[0]!;
  }

  /** Writes to repositories since `mark` (an installation token is no change anyone sees). */
  repositoryWrites(mark: number) {
    return this.world.sim.calls.writes(mark).filter((call) => !call.route.startsWith("POST /app/"));
  }

  /** Commits on a branch that main does not have. */
  branchCommits(branch = RELEASE_BRANCH): string[] {
    const main = new Set(this.world.sim.state.commits(DOCS, "main").map((c) => c.sha));
    return this.world.sim.state.commits(DOCS, branch).filter((c) => !main.has(c.sha)).map((c) => c.sha);
  }

  close(): Promise<void> {
    return this.world.close();
  }
}

/** The changelog row of a component, by the name readers see. */
export function row(page: string, name: string): string | undefined {
  return page.split("\n").find((line) => line.startsWith(`| [${name}](`));
}

/** `server` is the simulator's web URL: every link in the row goes to the server the bot talks to. */
export function expectedRow(server: string, name: string, repo: string, latest: { tag: string; url: string; date: string } | null): string {
  const version = latest ? `[${latest.tag}](${latest.url})` : "—";
  return `| [${name}](${server}/${repo}) | ${version} | ${latest?.date ?? "—"} | [all releases](${server}/${repo}/releases) |`;
}

export function providerRow(page: string): string | undefined {
  return row(page, "Kairos' provider");
}

export function providerShows(result: ReleaseResult, date: string): string {
  const server = new URL(result.release.html_url).origin;
  return expectedRow(server, "Kairos' provider", PROVIDER, { tag: result.tag, url: result.release.html_url, date });
}

/** Lines of `after` that `before` does not have, in order. */
export function addedLines(before: string, after: string): string[] {
  const old = new Set(before.split("\n"));
  return after.split("\n").filter((line) => !old.has(line));
}
