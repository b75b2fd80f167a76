// Turns the real tag lists in the shared fixtures into GitHub release listings, as the API would return them.
import type { Component } from "../../src/releases/component-release.js";
import type { GitHubRelease } from "../../src/releases/github-release.js";
import { readFixture } from "../fixtures.js";

export const componentRepositories = [
  "kairos",
  "provider-kairos",
  "immucore",
  "AuroraBoot",
  "osbuilder",
  "kairos-init",
  "kairos-agent",
] as const;

export type ComponentRepository = (typeof componentRepositories)[number];

export interface TagRow {
  readonly tag: string;
  readonly date: string;
  readonly sha: string;
}

export interface ListingOptions {
  /** `pipeline`: rc/beta/alpha tags flagged prerelease, as Kairos' release pipeline does; `missing`: nothing flagged. */
  readonly flags?: "pipeline" | "missing";
  /** Only tags created at or before this instant: the listing as it looked then. */
  readonly asOf?: string;
  /** Tags whose release was deleted. */
  readonly without?: readonly string[];
}

export function componentOf(repository: string): Component {
  return { repository: `kairos-io/${repository}`, displayName: repository };
}

export function tagRows(repository: ComponentRepository): TagRow[] {
  const [, ...rows] = readFixture("releases", `${repository}.tags.tsv`).trimEnd().split("\n");
  return rows.map((row) => {
    const [tag = "", date = "", sha = ""] = row.split("\t");
    return { tag, date, sha };
  });
}

export function releaseListing(repository: ComponentRepository, options: ListingOptions = {}): GitHubRelease[] {
  const asOf = options.asOf === undefined ? Infinity : Date.parse(options.asOf);
  const without = new Set(options.without ?? []);
  return tagRows(repository)
    .filter((row) => Date.parse(row.date) <= asOf && !without.has(row.tag))
    .map((row) => publishedRelease(repository, row.tag, row.date, options.flags ?? "pipeline"));
}

/** The API prints UTC (`2026-08-18T10:43:18Z`); the fixtures keep the committer's offset. */
export function publishedRelease(
  repository: string,
  tag: string,
  date: string,
  flags: "pipeline" | "missing" = "pipeline",
): GitHubRelease {
  const published = new Date(date).toISOString().replace(/\.000Z$/, "Z");
  return {
    tag_name: tag,
    name: tag,
    draft: false,
    prerelease: flags === "pipeline" && /-(rc|beta|alpha)/i.test(tag),
    published_at: published,
    created_at: published,
    html_url: `https://github.com/kairos-io/${repository}/releases/tag/${tag}`,
  };
}

/** A hand-made release for rules the fixtures do not show; defaults to a published, unflagged one. */
export function release(tag: string, overrides: Partial<GitHubRelease> = {}): GitHubRelease {
  return { ...publishedRelease("example", tag, "2026-01-01T00:00:00Z", "missing"), ...overrides };
}
