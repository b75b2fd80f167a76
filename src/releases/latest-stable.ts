// Picks a component's latest stable release from its full release list, noting which tags were skipped and why.
import { releasesUrl } from "../web-links.js";
import { type Component, type ComponentRelease, type ReleaseVersion } from "./component-release.js";
import type { GitHubRelease } from "./github-release.js";
import { publicationDate } from "./publication-time.js";
import { compareVersionTags, isCanonicalTag, readVersionTag, type VersionTag } from "./version-tag.js";

export interface SelectionOptions {
  /** Let prereleases (flagged, or tagged `-rc`/`-beta`/`-alpha`…) compete too. Default `false`. */
  readonly includePrereleases?: boolean;
  /** The web server the component's releases page is on (github.com or a GitHub Enterprise Server). */
  readonly serverUrl: string;
}

export type SkipReason =
  /** Not published. */
  | "draft"
  /** GitHub flags it a prerelease (whatever the tag says) and prereleases are not included. */
  | "prerelease-flag"
  /** Not flagged, but its tag has a prerelease label (`v1.0.0-rc1`); prereleases are not included. */
  | "prerelease-tag"
  /** A suffix that is no prerelease label (`v1.24.3-56`, `v2.13.10-kcrypt-fix`): never selected. */
  | "build-tag"
  /** Not a version at all (`latest`, `v1`). */
  | "not-semver"
  /** Names the same version as the selected tag (`2.8.0` beside `v2.8.0`) and lost the tie-break. */
  | "duplicate-version"
  /** Its publication time is no ISO 8601 timestamp: the changelog could not show its date. */
  | "unreadable-time";

export type TagNote =
  | { readonly kind: "skipped"; readonly tag: string; readonly reason: SkipReason }
  /** A two-part tag (`v0.1`) that competed as `X.Y.0`. */
  | { readonly kind: "read-as"; readonly tag: string; readonly version: string };

export interface LatestStableSelection {
  readonly componentRelease: ComponentRelease;
  /** For logs: in input order, so they line up with the API listing. */
  readonly notes: readonly TagNote[];
}

interface Candidate {
  readonly release: GitHubRelease;
  readonly version: VersionTag;
}

type Screening = { readonly candidate: Candidate } | { readonly skipped: SkipReason };

/**
 * The highest version among the non-draft releases; the result never depends on the order of `releases`.
 *
 * Prerelease rule: a release is a prerelease when GitHub flags it OR its tag carries a prerelease label,
 * because the Kairos pipeline sometimes forgets the flag and a maintainer's flag on a clean tag is deliberate.
 * Build tags (see `VersionTagKind`) never compete, even with `includePrereleases`.
 */
export function selectLatestStable(
  component: Component,
  releases: readonly GitHubRelease[],
  options: SelectionOptions,
): LatestStableSelection {
  const notes: TagNote[] = [];
  const candidates: Candidate[] = [];
  for (const release of releases) {
    const screening = screen(release, options.includePrereleases ?? false);
    if ("skipped" in screening) {
      notes.push({ kind: "skipped", tag: release.tag_name, reason: screening.skipped });
      continue;
    }
    candidates.push(screening.candidate);
    if (screening.candidate.version.twoPart) {
      notes.push({ kind: "read-as", tag: release.tag_name, version: screening.candidate.version.version });
    }
  }
  const winner = highest(candidates);
  notes.push(...duplicatesOf(winner, candidates));
  return {
    componentRelease: {
      component,
      releasesUrl: releasesUrl(options.serverUrl, component.repository),
      latest: winner ? releaseVersionOf(winner) : null,
    },
    notes,
  };
}

function screen(release: GitHubRelease, includePrereleases: boolean): Screening {
  if (release.draft) return { skipped: "draft" };
  if (publicationDate(publishedAt(release)) === null) return { skipped: "unreadable-time" };
  const version = readVersionTag(release.tag_name);
  if (!version) return { skipped: "not-semver" };
  if (version.kind === "build") return { skipped: "build-tag" };
  if (!includePrereleases) {
    if (release.prerelease) return { skipped: "prerelease-flag" };
    if (version.kind === "prerelease") return { skipped: "prerelease-tag" };
  }
  return { candidate: { release, version } };
}

function highest(candidates: readonly Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const candidate of candidates) {
    if (!best || outranks(candidate, best)) best = candidate;
  }
  return best;
}

/** A total order, so equal versions (`v1.2.3` and `1.2.3`) always resolve the same way. */
function outranks(a: Candidate, b: Candidate): boolean {
  const byVersion = compareVersionTags(a.version, b.version);
  if (byVersion !== 0) return byVersion > 0;
  return tieBreak(a, b) < 0;
}

/** Negative when `a` is preferred: the canonical `vX.Y.Z` tag, then tag text, then the earlier publication. */
function tieBreak(a: Candidate, b: Candidate): number {
  const canonical = Number(isCanonicalTag(b.version)) - Number(isCanonicalTag(a.version));
  if (canonical !== 0) return canonical;
  return (
    compareText(a.release.tag_name, b.release.tag_name) ||
    compareText(publishedAt(a.release), publishedAt(b.release)) ||
    compareText(a.release.html_url, b.release.html_url)
  );
}

/** Code-unit order, not locale order: the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function duplicatesOf(winner: Candidate | null, candidates: readonly Candidate[]): TagNote[] {
  if (!winner) return [];
  return candidates
    .filter((c) => c !== winner && compareVersionTags(c.version, winner.version) === 0)
    .map((c): TagNote => ({ kind: "skipped", tag: c.release.tag_name, reason: "duplicate-version" }));
}

/** A published release always has `published_at`; `created_at` only covers a malformed response. */
function publishedAt(release: GitHubRelease): string {
  return release.published_at ?? release.created_at;
}

function releaseVersionOf(candidate: Candidate): ReleaseVersion {
  return {
    tag: candidate.release.tag_name,
    version: candidate.version.version,
    url: candidate.release.html_url,
    publishedAt: publishedAt(candidate.release),
  };
}
