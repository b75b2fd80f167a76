// Reads a git tag as a component version: stable, prerelease or build tag, and orders versions the way humans read them.
import semver from "semver";

/**
 * - `stable`: plain `vX.Y.Z` (or `X.Y.Z`, or the two-part `vX.Y`).
 * - `prerelease`: a semver prerelease part starting with a known label (`-rc1`, `-RC2`, `-beta.3`, `-alpha1`).
 * - `build`: any other suffix (`v1.24.3-56`, `v1.21.4-33-1`, `v2.13.10-kcrypt-fix`, `v2.4.1-qcs6490`).
 *   node-semver calls these prereleases, but in Kairos history they are builds of something else
 *   (c3os images numbered per k3s version) or one-off variants, never a release of the component.
 */
export type VersionTagKind = "stable" | "prerelease" | "build";

export interface VersionTag {
  readonly tag: string;
  readonly kind: VersionTagKind;
  /** Normalized semver as node-semver prints it (case kept, no `v`, no build metadata); `vX.Y` reads as `X.Y.0`. */
  readonly version: string;
  /** True for `vX.Y` tags, which are not semver but were published as releases. */
  readonly twoPart: boolean;
  /** The semver string versions are ordered by: prerelease part lower-cased and split at letter/digit boundaries. */
  readonly rank: string;
}

/**
 * Labels that mark a real prerelease. Matched on the leading letters of the first prerelease identifier,
 * case-insensitively, so `RC1`, `rc.1` and `rc1` are all release candidates.
 */
const PRERELEASE_LABELS: ReadonlySet<string> = new Set([
  "alpha",
  "beta",
  "rc",
  "pre",
  "preview",
  "dev",
  "next",
  "canary",
  "nightly",
]);

const TWO_PART_TAG = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** `null` when the tag is no version at all (`latest`, `nightly`, `v1`, `V1.2.3`). */
export function readVersionTag(tag: string): VersionTag | null {
  const twoPart = TWO_PART_TAG.exec(tag);
  if (twoPart) {
    const version = `${twoPart[1]}.${twoPart[2]}.0`;
    return { tag, kind: "stable", version, twoPart: true, rank: version };
  }
  const parsed = semver.parse(tag);
  if (!parsed) return null;
  const core = `${parsed.major}.${parsed.minor}.${parsed.patch}`;
  if (parsed.prerelease.length === 0) {
    return { tag, kind: "stable", version: parsed.version, twoPart: false, rank: core };
  }
  const kind = PRERELEASE_LABELS.has(leadingLabel(parsed.prerelease)) ? "prerelease" : "build";
  return { tag, kind, version: parsed.version, twoPart: false, rank: rankOf(core, parsed.prerelease) };
}

function leadingLabel(prerelease: ReadonlyArray<string | number>): string {
  const first = String(prerelease[0] ?? "").toLowerCase();
  return /^[a-z]+/.exec(first)?.[0] ?? "";
}

/**
 * node-semver compares `RC1` < `beta1` (ASCII) and `beta12` < `beta9` (string compare). Lower-casing and
 * splitting `beta12` into `beta.12` restores alpha < beta < rc and numeric order within a label.
 */
function rankOf(core: string, prerelease: ReadonlyArray<string | number>): string {
  const identifiers = prerelease.flatMap((id) =>
    (String(id).toLowerCase().match(/[a-z]+|\d+/g) ?? []).map((run) => run.replace(/^0+(?=\d)/, "")),
  );
  const rank = identifiers.length > 0 ? `${core}-${identifiers.join(".")}` : core;
  return semver.valid(rank) ?? core;
}

/** Human version order (see `rank`); 0 for equal versions, which the caller must break deterministically. */
export function compareVersionTags(a: VersionTag, b: VersionTag): number {
  return semver.compare(a.rank, b.rank);
}

/** The tag as Kairos writes it (`v` + version): preferred when two tags name the same version. */
export function isCanonicalTag(tag: VersionTag): boolean {
  return tag.tag === `v${tag.version}`;
}
