// Latest stable selection against the real Kairos tag histories and the quirks found in them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectLatestStable, type SelectionOptions, type TagNote } from "../../src/releases/latest-stable.js";
import { GITHUB_SERVER_URL } from "../../src/web-links.js";
import type { Component } from "../../src/releases/component-release.js";
import type { GitHubRelease } from "../../src/releases/github-release.js";
import {
  componentOf,
  componentRepositories,
  release,
  releaseListing,
  type ComponentRepository,
  type ListingOptions,
} from "./release-list.js";

type Options = Omit<SelectionOptions, "serverUrl">;

/** github.com, as for the real Kairos components. */
function select(component: Component, releases: readonly GitHubRelease[], options: Options = {}) {
  return selectLatestStable(component, releases, { serverUrl: GITHUB_SERVER_URL, ...options });
}

function latestOf(repository: ComponentRepository, listing: ListingOptions = {}, options: Options = {}) {
  return select(componentOf(repository), releaseListing(repository, listing), options);
}

function latestTag(releases: readonly GitHubRelease[], options: Options = {}): string | null {
  return select(componentOf("example"), releases, options).componentRelease.latest?.tag ?? null;
}

function reasonFor(notes: readonly TagNote[], tag: string): string | undefined {
  const note = notes.find((n) => n.tag === tag && n.kind === "skipped");
  return note?.kind === "skipped" ? note.reason : undefined;
}

const latestOnReleaseDay: Record<ComponentRepository, { tag: string; publishedAt: string }> = {
  kairos: { tag: "v4.2.0", publishedAt: "2026-08-18T10:43:18Z" },
  "provider-kairos": { tag: "v2.16.4", publishedAt: "2026-08-18T07:46:29Z" },
  immucore: { tag: "v0.20.4", publishedAt: "2026-08-17T12:44:16Z" },
  AuroraBoot: { tag: "v0.26.2", publishedAt: "2026-08-06T13:46:42Z" },
  osbuilder: { tag: "v0.401.0", publishedAt: "2024-11-15T14:16:13Z" },
  "kairos-init": { tag: "v0.17.3", publishedAt: "2026-08-18T11:06:42Z" },
  "kairos-agent": { tag: "v2.31.4", publishedAt: "2026-08-18T07:43:00Z" },
};

describe("latest stable release of each Kairos component (real tag lists)", () => {
  describe.each(componentRepositories)("%s", (repository) => {
    const expected = latestOnReleaseDay[repository];

    it.each(["pipeline", "missing"] as const)("is %s-flagged list's highest stable tag", (flags) => {
      const { componentRelease } = latestOf(repository, { flags });
      expect(componentRelease).toEqual({
        component: componentOf(repository),
        releasesUrl: `https://github.com/kairos-io/${repository}/releases`,
        latest: {
          tag: expected.tag,
          version: expected.tag.slice(1),
          url: `https://github.com/kairos-io/${repository}/releases/tag/${expected.tag}`,
          publishedAt: expected.publishedAt,
        },
      });
    });

    it("does not depend on the order the API lists releases in", () => {
      const reversed = releaseListing(repository).reverse();
      expect(latestTag(reversed)).toBe(expected.tag);
    });
  });

  it("kairos: v4.2.0 wins over v4.2.0-rc4 on the same commit, even when the rc is not flagged", () => {
    const flagged = latestOf("kairos");
    const unflagged = latestOf("kairos", { flags: "missing" });
    expect(flagged.componentRelease.latest?.tag).toBe("v4.2.0");
    expect(reasonFor(flagged.notes, "v4.2.0-rc4")).toBe("prerelease-flag");
    expect(reasonFor(unflagged.notes, "v4.2.0-rc4")).toBe("prerelease-tag");
  });
});

describe("release order is by version, not by date", () => {
  it("osbuilder: v0.300.4, tagged after v0.401.0, does not win", () => {
    expect(latestOf("osbuilder").componentRelease.latest?.tag).toBe("v0.401.0");
  });

  it("kairos: v3.1.4 release candidates cut after v3.5.2 do not win, even with prereleases included", () => {
    const asOf = "2025-09-03T16:11:07+02:00"; // v3.1.4-rc4
    expect(latestOf("kairos", { asOf }).componentRelease.latest?.tag).toBe("v3.5.2");
    expect(latestOf("kairos", { asOf }, { includePrereleases: true }).componentRelease.latest?.tag).toBe("v3.5.2");
  });

  it("kairos-agent: v2.25.x patches between v2.26.0 betas keep the table on v2.25.5", () => {
    const asOf = "2026-01-09T11:04:05+01:00"; // v2.26.0-beta5
    expect(latestOf("kairos-agent", { asOf }).componentRelease.latest?.tag).toBe("v2.25.5");
  });

  it("AuroraBoot: two versions on one commit (v0.2.1, v0.2.2) resolve to the higher one", () => {
    const asOf = "2023-02-28T17:51:51+01:00";
    expect(latestOf("AuroraBoot", { asOf }).componentRelease.latest?.tag).toBe("v0.2.2");
  });

  it("kairos (known limitation): as of v1.6.0 the c3os-era v1.22.2 still outranks it", () => {
    // Highest semver is the rule; pre-Kairos tags from 2021 only stopped winning at v2.0.0.
    const asOf = "2023-02-26T13:59:27+01:00";
    expect(latestOf("kairos", { asOf }).componentRelease.latest?.tag).toBe("v1.22.2");
  });
});

describe("a release that disappears or never appeared", () => {
  it("a deleted latest release falls back to the previous stable one", () => {
    expect(latestOf("kairos", { without: ["v4.2.0"] }).componentRelease.latest?.tag).toBe("v4.1.2");
  });

  it("drafts are ignored, however high their tag", () => {
    const listing = [...releaseListing("kairos"), release("v4.3.0", { draft: true, published_at: null })];
    const { componentRelease, notes } = select(componentOf("kairos"), listing);
    expect(componentRelease.latest?.tag).toBe("v4.2.0");
    expect(reasonFor(notes, "v4.3.0")).toBe("draft");
  });

  it.each(["pipeline", "missing"] as const)(
    "provider-kairos: only alpha tags so far (%s flags) means no stable release",
    (flags) => {
      const { componentRelease } = latestOf("provider-kairos", { asOf: "2022-08-21T12:42:21Z", flags });
      expect(componentRelease.latest).toBeNull();
      expect(componentRelease.releasesUrl).toBe("https://github.com/kairos-io/provider-kairos/releases");
    },
  );

  it("a component with no releases at all has no stable release", () => {
    expect(latestTag([])).toBeNull();
  });
});

describe("prereleases: GitHub's flag and the tag's label", () => {
  it("an unflagged -rc tag is still a prerelease", () => {
    expect(latestTag([release("v1.0.0-rc1"), release("v0.9.0")])).toBe("v0.9.0");
  });

  it("a clean tag flagged prerelease by a maintainer is a prerelease", () => {
    expect(latestTag([release("v1.0.0", { prerelease: true }), release("v0.9.0")])).toBe("v0.9.0");
  });

  it("both compete when prereleases are included", () => {
    const releases = [release("v1.1.0-rc1"), release("v1.0.0", { prerelease: true }), release("v0.9.0")];
    expect(latestTag(releases, { includePrereleases: true })).toBe("v1.1.0-rc1");
  });

  it("kairos: with v4.2.0 deleted and prereleases included, v4.2.0-rc4 is shown", () => {
    const listing = { without: ["v4.2.0"] };
    expect(latestOf("kairos", listing, { includePrereleases: true }).componentRelease.latest?.tag).toBe("v4.2.0-rc4");
  });

  it("kairos: upper-case RC1 outranks beta4 (node-semver alone would pick beta4)", () => {
    const asOf = "2026-02-26T15:11:34+01:00"; // v4.0.0-RC1
    const { componentRelease } = latestOf("kairos", { asOf }, { includePrereleases: true });
    expect(componentRelease.latest).toMatchObject({ tag: "v4.0.0-RC1", version: "4.0.0-RC1" });
  });

  it("kairos-agent: beta12 outranks beta9 (node-semver compares them as text)", () => {
    const asOf = "2026-01-21T12:42:52+01:00"; // v2.26.0-beta12, minutes before v2.26.0
    expect(latestOf("kairos-agent", { asOf }, { includePrereleases: true }).componentRelease.latest?.tag).toBe(
      "v2.26.0-beta12",
    );
    expect(latestOf("kairos-agent", { asOf }).componentRelease.latest?.tag).toBe("v2.25.5");
  });

  it("labels order alpha < beta < rc whatever their case", () => {
    const releases = [release("v1.0.0-alpha3"), release("v1.0.0-RC1"), release("v1.0.0-beta2")];
    expect(latestTag(releases, { includePrereleases: true })).toBe("v1.0.0-RC1");
  });

  it("RC1 and rc1 name the same version: the tie resolves the same way in any order", () => {
    const releases = [release("v1.0.0-rc1"), release("v1.0.0-RC1")];
    expect(latestTag(releases, { includePrereleases: true })).toBe("v1.0.0-RC1");
    expect(latestTag([...releases].reverse(), { includePrereleases: true })).toBe("v1.0.0-RC1");
  });
});

describe("tags that are not plain versions", () => {
  it("kairos: c3os build tags (v1.24.3-56, v1.21.4-33-1) never win, even with prereleases included", () => {
    const asOf = "2022-07-23T12:06:53Z"; // v1.24.3-56, before Kairos v0.57.0
    const { componentRelease, notes } = latestOf("kairos", { asOf }, { includePrereleases: true });
    expect(componentRelease.latest?.tag).toBe("v1.22.2");
    expect(reasonFor(notes, "v1.24.3-56")).toBe("build-tag");
    expect(reasonFor(notes, "v1.21.4-33-1")).toBe("build-tag");
  });

  it("kairos-agent: one-off variants (v2.13.10-kcrypt-fix, v2.4.1-qcs6490) are build tags, not prereleases", () => {
    const { notes } = latestOf("kairos-agent", {}, { includePrereleases: true });
    expect(reasonFor(notes, "v2.13.10-kcrypt-fix")).toBe("build-tag");
    expect(reasonFor(notes, "v2.4.1-qcs6490")).toBe("build-tag");
    expect(latestTag([release("v2.13.9"), release("v2.13.10-kcrypt-fix")], { includePrereleases: true })).toBe(
      "v2.13.9",
    );
  });

  it("immucore: v0.1.17-3, tagged after v0.1.24, is a build tag and v0.1.24 stays latest", () => {
    const asOf = "2024-04-09T08:46:48+02:00";
    const { componentRelease, notes } = latestOf("immucore", { asOf }, { includePrereleases: true });
    expect(componentRelease.latest?.tag).toBe("v0.1.24");
    expect(reasonFor(notes, "v0.1.17-3")).toBe("build-tag");
  });

  it("AuroraBoot: the two-part v0.1 counts as 0.1.0 while it is the only release", () => {
    const { componentRelease, notes } = latestOf("AuroraBoot", { asOf: "2023-02-08T14:52:47+01:00" });
    expect(componentRelease.latest).toMatchObject({ tag: "v0.1", version: "0.1.0" });
    expect(notes).toContainEqual({ kind: "read-as", tag: "v0.1", version: "0.1.0" });
    expect(latestOf("AuroraBoot", { asOf: "2023-02-11T01:16:38+01:00" }).componentRelease.latest?.tag).toBe("v0.1.1");
  });

  it("a two-part tag loses the tie to the full tag of the same version", () => {
    expect(latestTag([release("v0.1"), release("v0.1.0")])).toBe("v0.1.0");
  });

  it("provider-kairos: 2.8.0 beside v2.8.0 resolves to v2.8.0 in any listing order", () => {
    const listing = releaseListing("provider-kairos", { asOf: "2025-01-09T15:43:02+01:00" });
    fc.assert(
      fc.property(fc.shuffledSubarray(listing, { minLength: listing.length }), (shuffled) => {
        const { componentRelease, notes } = select(componentOf("provider-kairos"), shuffled);
        expect(componentRelease.latest?.tag).toBe("v2.8.0");
        expect(reasonFor(notes, "2.8.0")).toBe("duplicate-version");
      }),
      { numRuns: 25 },
    );
  });

  it("a tag without the v prefix is a release like any other", () => {
    expect(select(componentOf("example"), [release("2.8.0")]).componentRelease.latest).toMatchObject({
      tag: "2.8.0",
      version: "2.8.0",
    });
  });

  it("names that are no version are noted and skipped", () => {
    const { componentRelease, notes } = select(componentOf("example"), [
      release("latest"),
      release("v1"),
      release("v1.0.0"),
    ]);
    expect(componentRelease.latest?.tag).toBe("v1.0.0");
    expect(notes).toEqual([
      { kind: "skipped", tag: "latest", reason: "not-semver" },
      { kind: "skipped", tag: "v1", reason: "not-semver" },
    ]);
  });
});

describe("the release as the API shows it now", () => {
  it("an edited tag counts, not the release title that still names the rc", () => {
    const edited = release("v2.0.0", {
      name: "v2.0.0-rc1",
      html_url: "https://github.com/kairos-io/example/releases/tag/v2.0.0",
    });
    const { latest } = select(componentOf("example"), [edited, release("v1.9.0")]).componentRelease;
    expect(latest).toMatchObject({ tag: "v2.0.0", url: "https://github.com/kairos-io/example/releases/tag/v2.0.0" });
  });

  it("a release edited to prerelease after publication stops being latest", () => {
    expect(latestTag([release("v2.1.0", { prerelease: true }), release("v2.0.0")])).toBe("v2.0.0");
  });

  it("falls back to created_at when a published release lacks published_at", () => {
    const odd = release("v1.0.0", { published_at: null, created_at: "2026-03-01T10:00:00Z" });
    expect(select(componentOf("example"), [odd]).componentRelease.latest?.publishedAt).toBe(
      "2026-03-01T10:00:00Z",
    );
  });
});

describe("release dates", () => {
  it("skips a release whose publication time is no ISO 8601 timestamp, so no odd date reaches the page", () => {
    const releases = [release("v1.1.0", { published_at: "2026-01-02 `<img>`" }), release("v1.0.0")];
    const selection = selectLatestStable(componentOf("example"), releases, { serverUrl: GITHUB_SERVER_URL });
    expect(selection.componentRelease.latest?.tag).toBe("v1.0.0");
    expect(reasonFor(selection.notes, "v1.1.0")).toBe("unreadable-time");
  });
});
