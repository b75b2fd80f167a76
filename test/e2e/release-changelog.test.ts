// Release day, end to end: component releases (real Kairos history) become the release changelog pull request.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readFixture } from "../fixtures.js";
import { DEFAULT_COMPONENT_NAMES, readSnapshotReleases, releasesFromTags, SNAPSHOT_RELEASES_DIR, snapshotText } from "./release-history.js";
import {
  addedLines,
  CONFIG,
  expectedRow,
  kairosInitConfig,
  PROVIDER,
  providerRow,
  providerShows,
  RECORD_LINE,
  ReleaseDay,
  yesterday,
  type Yesterday,
} from "./release-day.js";

let before: Yesterday;
beforeAll(async () => {
  before = await yesterday();
});

let day: ReleaseDay;
afterEach(async () => {
  await day?.close();
});

describe("the release history the demo and these tests seed", () => {
  it("is the fixtures' tags, dated in UTC, rc/beta/alpha flagged as the Kairos pipeline does", () => {
    for (const name of DEFAULT_COMPONENT_NAMES) {
      const fromFixtures = releasesFromTags(readFixture("releases", `${name}.tags.tsv`));
      expect(readFileSync(join(SNAPSHOT_RELEASES_DIR, `${name}.tsv`), "utf8")).toBe(snapshotText(fromFixtures));
      expect(readSnapshotReleases(name)).toEqual(fromFixtures);
    }
  });
});

describe("a new release", () => {
  it("shows in the release pull request, linked and dated, and the body says old → new; an older patch later changes nothing", async () => {
    day = await ReleaseDay.start(before);
    const main = day.world.pageOn("main")!;
    expect(providerRow(main)).toContain("[v2.16.4](");

    const release = await day.publish(PROVIDER, "v2.16.5", "2026-08-20T09:30:00Z");
    const pull = day.onlyReleasePull();
    const page = day.world.pageOn(pull.headSha)!;
    expect(providerRow(page)).toBe(providerShows(release, "2026-08-20"));
    // Only the provider's row and the block's hidden record differ from main.
    const added = addedLines(main, page);
    expect(added).toHaveLength(2);
    expect(added[0]?.startsWith(RECORD_LINE)).toBe(true);
    expect(added[1]).toBe(providerRow(page));
    expect(pull.title).toBe("docs: update the release changelog to the latest Kairos releases");
    expect(pull.body).toContain(`- [Kairos' provider: v2.16.4 → v2.16.5](${release.release.html_url})`);
    expect(pull.body).not.toMatch(/Immucore|AuroraBoot|OSBuilder/);
    expect(pull.body).not.toContain("### Tested distribution matrix");
    expect(day.matrixPulls()).toEqual([]);

    const head = pull.headSha;
    const mark = day.world.sim.calls.mark();
    await day.publish(PROVIDER, "v2.15.9", "2026-08-21T08:00:00Z");
    expect(day.repositoryWrites(mark)).toEqual([]);
    expect(day.onlyReleasePull().headSha).toBe(head);
  });

  it("a prerelease changes nothing, unless the docs config includes prereleases", async () => {
    day = await ReleaseDay.start(before);
    const mark = day.world.sim.calls.mark();
    const rc = await day.publish(PROVIDER, "v2.17.0-rc1", "2026-08-20T09:30:00Z", true);
    expect(day.repositoryWrites(mark)).toEqual([]);
    expect(day.releasePulls()).toEqual([]);

    await day.pushToDocs({ [CONFIG]: kairosInitConfig("releases:\n  include_prereleases: true\n") }, "docs: show release candidates");
    const pull = day.onlyReleasePull();
    expect(providerRow(day.world.pageOn(pull.headSha)!)).toBe(providerShows(rc, "2026-08-20"));
    expect(pull.body).toContain(`- [Kairos' provider: v2.16.4 → v2.17.0-rc1](${rc.release.html_url})`);
    // Every other component's newest prerelease is older than its latest stable release.
    expect(pull.body?.match(/^- \[/gm)).toHaveLength(1);
  });
});

describe("a release taken back", () => {
  it("deleted or unpublished, the row falls back to the previous release; an edited tag converges", async () => {
    day = await ReleaseDay.start(before);
    const { sim } = day.world;
    const tagUrl = (tag: string) => `${sim.url}/${PROVIDER}/releases/tag/${tag}`;
    const shows = (tag: string, date: string) => expectedRow(day.world.sim.url, "Kairos' provider", PROVIDER, { tag, url: tagUrl(tag), date });

    await day.deliverRelease(sim.deleteRelease({ repo: PROVIDER, release: "v2.16.4" }));
    let pull = day.onlyReleasePull();
    expect(providerRow(day.world.pageOn(pull.headSha)!)).toBe(shows("v2.16.3", "2026-08-14"));
    expect(pull.body).toContain(`- [Kairos' provider: v2.16.4 → v2.16.3](${tagUrl("v2.16.3")})`);

    await day.deliverRelease(sim.unpublishRelease({ repo: PROVIDER, release: "v2.16.3" }));
    pull = day.onlyReleasePull();
    expect(providerRow(day.world.pageOn(pull.headSha)!)).toBe(shows("v2.16.2", "2026-08-11"));

    // A typo in the tag, fixed in the release's edit form.
    await day.publish(PROVIDER, "v2.16.50", "2026-08-20T09:30:00Z");
    expect(providerRow(day.world.pageOn(day.onlyReleasePull().headSha)!)).toBe(shows("v2.16.50", "2026-08-20"));
    await day.deliverRelease(sim.editRelease({ repo: PROVIDER, release: "v2.16.50", tag: "v2.16.5" }));
    pull = day.onlyReleasePull();
    expect(providerRow(day.world.pageOn(pull.headSha)!)).toBe(shows("v2.16.5", "2026-08-20"));
    expect(pull.body).toContain(`- [Kairos' provider: v2.16.4 → v2.16.5](${tagUrl("v2.16.5")})`);
    expect(pull.body).not.toContain("v2.16.50");
  });
});

describe("several releases at once", () => {
  it("five components released within a minute make one update that holds all five", async () => {
    day = await ReleaseDay.start(before);
    const { world } = day;
    const bumps: [string, string][] = [
      ["kairos-io/kairos", "v4.2.1"],
      [PROVIDER, "v2.16.5"],
      ["kairos-io/immucore", "v0.20.5"],
      ["kairos-io/AuroraBoot", "v0.26.3"],
      ["kairos-io/osbuilder", "v0.401.1"],
    ];
    const releases = bumps.map(([repo, tag], i) => world.sim.createRelease({ repo, tag, createdAt: `2026-08-20T10:00:${10 + i * 10}Z` }));
    // The first reconcile is parked on its first release listing until every delivery has been answered.
    const hold = world.sim.hold("GET", "/repos/{owner}/{repo}/releases");
    // GitHub sends created, published and released for each: fifteen deliveries, all at once.
    const payloads = releases.flatMap((r) => r.payloads);
    expect(payloads).toHaveLength(15);
    const deliveries = payloads.map((payload) => world.deliver("release", payload));
    await hold.held;
    expect((await Promise.all(deliveries)).map((answer) => answer.status)).toEqual(Array(15).fill(200));
    hold.release();
    await world.settle();

    const pull = day.onlyReleasePull();
    expect(day.branchCommits()).toEqual([pull.headSha]);
    for (const release of releases) expect(pull.body).toContain(`(${release.release.html_url})`);
    expect(pull.body).toContain("5 release changelog updates");
    expect(addedLines(world.pageOn("main")!, world.pageOn(pull.headSha)!)).toHaveLength(6);
    const runs = world.logLines.filter((line) => line.includes('"msg":"reconciled"') && line.includes('"work":"releases"'));
    // The run that was reading, then one rerun for the deliveries that arrived meanwhile.
    expect(runs).toHaveLength(2);
    expect(runs[1]).toContain('"outcome":"unchanged"');
  });
});
