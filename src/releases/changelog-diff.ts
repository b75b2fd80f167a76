// What changed in the release changelog between two snapshots, as entries for the pull request body.
import type { Component, ComponentRelease, ReleaseVersion } from "./component-release.js";
import { compareVersionTags, readVersionTag } from "./version-tag.js";

/**
 * - `newer`: a higher version, or a first stable release (`from` is null).
 * - `older`: a lower version (the latest release was deleted or re-flagged), or no stable release any more.
 * - `same-version`: same version, but its tag text, page or date changed (an edited or re-published release).
 */
export type ChangeDirection = "newer" | "older" | "same-version";

export type ChangelogChange =
  | { readonly kind: "added"; readonly component: Component; readonly to: ReleaseVersion | null }
  | { readonly kind: "removed"; readonly component: Component; readonly from: ReleaseVersion | null }
  | {
      readonly kind: "updated";
      readonly component: Component;
      readonly from: ReleaseVersion | null;
      readonly to: ReleaseVersion | null;
      readonly direction: ChangeDirection;
    };

/**
 * Components match by repository, case-insensitively (GitHub names are). Entries follow `after`'s order
 * (the table's), then removed components in `before`'s order; unchanged ones are left out. A renamed
 * display name alone is no release change. When a repository appears twice, its first row counts.
 */
export function diffChangelog(
  before: readonly ComponentRelease[],
  after: readonly ComponentRelease[],
): ChangelogChange[] {
  const previous = byRepository(before);
  const current = byRepository(after);
  const changes: ChangelogChange[] = [];
  for (const [key, now] of current) {
    const was = previous.get(key);
    if (!was) {
      changes.push({ kind: "added", component: now.component, to: now.latest });
    } else if (!sameRelease(was.latest, now.latest)) {
      const direction = directionOf(was.latest, now.latest);
      changes.push({ kind: "updated", component: now.component, from: was.latest, to: now.latest, direction });
    }
  }
  for (const [key, was] of previous) {
    if (!current.has(key)) changes.push({ kind: "removed", component: was.component, from: was.latest });
  }
  return changes;
}

function byRepository(releases: readonly ComponentRelease[]): Map<string, ComponentRelease> {
  const map = new Map<string, ComponentRelease>();
  for (const release of releases) {
    const key = release.component.repository.toLowerCase();
    if (!map.has(key)) map.set(key, release);
  }
  return map;
}

/** Everything the table shows of a release: tag, link and date. */
function sameRelease(a: ReleaseVersion | null, b: ReleaseVersion | null): boolean {
  if (a === null || b === null) return a === b;
  return a.tag === b.tag && a.url === b.url && a.publishedAt === b.publishedAt;
}

function directionOf(from: ReleaseVersion | null, to: ReleaseVersion | null): ChangeDirection {
  if (from === null) return "newer";
  if (to === null) return "older";
  const a = readVersionTag(from.version);
  const b = readVersionTag(to.version);
  // Only hand-made ReleaseVersions can be unreadable; a changed tag then counts as moving forward.
  if (!a || !b) return from.tag === to.tag ? "same-version" : "newer";
  const order = compareVersionTags(b, a);
  return order > 0 ? "newer" : order < 0 ? "older" : "same-version";
}

/** One plain-text line for logs and commit messages: `Kairos' provider: v2.16.3 → v2.16.4`. */
export function describeChange(change: ChangelogChange): string {
  const name = change.component.displayName;
  switch (change.kind) {
    case "added":
      return `${name}: added (${tagOrNone(change.to)})`;
    case "removed":
      return `${name}: removed (was ${tagOrNone(change.from)})`;
    case "updated":
      return `${name}: ${tagOrNone(change.from)} → ${tagOrNone(change.to)}`;
  }
}

function tagOrNone(release: ReleaseVersion | null): string {
  return release ? release.tag : "no stable release";
}
