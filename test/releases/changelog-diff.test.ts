// Changelog entries for the pull request body, between the table before and after a release day.
import { describe, expect, it } from "vitest";
import { describeChange, diffChangelog } from "../../src/releases/changelog-diff.js";
import type { ComponentRelease, ReleaseVersion } from "../../src/releases/component-release.js";
import { selectLatestStable } from "../../src/releases/latest-stable.js";
import { componentOf, componentRepositories, releaseListing, type ListingOptions } from "./release-list.js";
import { GITHUB_SERVER_URL } from "../../src/web-links.js";

function changelogAsOf(listing: ListingOptions): ComponentRelease[] {
  return componentRepositories.map(
    (repository) => selectLatestStable(componentOf(repository), releaseListing(repository, listing), { serverUrl: GITHUB_SERVER_URL }).componentRelease,
  );
}

function version(tag: string, publishedAt = "2026-01-01T00:00:00Z"): ReleaseVersion {
  return { tag, version: tag.replace(/^v/, ""), url: `https://github.com/o/r/releases/tag/${tag}`, publishedAt };
}

function row(repository: string, latest: ReleaseVersion | null, displayName = repository): ComponentRelease {
  return {
    component: { repository, displayName },
    releasesUrl: `https://github.com/${repository}/releases`,
    latest,
  };
}

describe("release day (2026-08-18, real tags)", () => {
  const before = changelogAsOf({ asOf: "2026-08-17T23:59:59Z" });
  const after = changelogAsOf({});
  const changes = diffChangelog(before, after);

  it("lists each component that shipped, in table order, old → new", () => {
    expect(changes.map(describeChange)).toEqual([
      "kairos: v4.1.2 → v4.2.0",
      "provider-kairos: v2.16.3 → v2.16.4",
      "kairos-init: v0.17.1 → v0.17.3",
      "kairos-agent: v2.31.3 → v2.31.4",
    ]);
  });

  it("links each entry to the new release's page", () => {
    const kairos = changes[0];
    expect(kairos).toMatchObject({ kind: "updated", direction: "newer" });
    expect(kairos?.kind === "updated" && kairos.to?.url).toBe("https://github.com/kairos-io/kairos/releases/tag/v4.2.0");
  });

  it("is empty when nothing changed", () => {
    expect(diffChangelog(after, changelogAsOf({}))).toEqual([]);
  });
});

describe("component rows added, removed or moved", () => {
  it("reports added and removed components", () => {
    const before = [row("kairos-io/kairos", version("v4.2.0")), row("kairos-io/osbuilder", version("v0.401.0"))];
    const after = [row("kairos-io/kairos", version("v4.2.0")), row("kairos-io/kairos-init", version("v0.17.3"))];
    expect(diffChangelog(before, after)).toEqual([
      { kind: "added", component: after[1]?.component, to: version("v0.17.3") },
      { kind: "removed", component: before[1]?.component, from: version("v0.401.0") },
    ]);
    expect(diffChangelog(before, after).map(describeChange)).toEqual([
      "kairos-io/kairos-init: added (v0.17.3)",
      "kairos-io/osbuilder: removed (was v0.401.0)",
    ]);
  });

  it("a deleted latest release shows as a step back", () => {
    const before = changelogAsOf({});
    const after = changelogAsOf({ without: ["v4.2.0"] });
    const [change] = diffChangelog(before, after);
    expect(change).toMatchObject({ kind: "updated", direction: "older" });
    expect(change && describeChange(change)).toBe("kairos: v4.2.0 → v4.1.2");
  });

  it("a first stable release and a lost one", () => {
    const first = diffChangelog([row("o/r", null)], [row("o/r", version("v0.1.0"))]);
    const lost = diffChangelog([row("o/r", version("v0.1.0"))], [row("o/r", null)]);
    expect(first).toMatchObject([{ kind: "updated", direction: "newer" }]);
    expect(lost).toMatchObject([{ kind: "updated", direction: "older" }]);
    expect(first.map(describeChange)).toEqual(["o/r: no stable release → v0.1.0"]);
  });

  it("a re-published release (same tag, new date) is a change of the same version", () => {
    const changes = diffChangelog(
      [row("o/r", version("v1.0.0", "2026-01-01T00:00:00Z"))],
      [row("o/r", version("v1.0.0", "2026-02-01T00:00:00Z"))],
    );
    expect(changes).toMatchObject([{ kind: "updated", direction: "same-version" }]);
  });

  it("matches repositories case-insensitively and ignores a new display name alone", () => {
    const before = [row("kairos-io/auroraboot", version("v0.26.2"), "AuroraBoot")];
    const after = [row("kairos-io/AuroraBoot", version("v0.26.2"), "Kairos' AuroraBoot")];
    expect(diffChangelog(before, after)).toEqual([]);
  });

  it("orders updates by the new table, removals last", () => {
    const before = [row("o/a", version("v1.0.0")), row("o/b", version("v1.0.0")), row("o/gone", null)];
    const after = [row("o/b", version("v1.1.0")), row("o/a", version("v1.1.0"))];
    expect(diffChangelog(before, after).map((c) => c.component.repository)).toEqual(["o/b", "o/a", "o/gone"]);
  });
});
