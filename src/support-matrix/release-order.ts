// Orders releases of one distribution newest first: moving tags (main, rolling, latest…) on top, then versions.
import semver from "semver";
import { MOVING_TAGS } from "./distribution-table.js";
import { compareNatural } from "./natural-order.js";

function movingRank(release: string): number {
  const rank = MOVING_TAGS.indexOf(release.toLowerCase());
  return rank < 0 ? MOVING_TAGS.length : rank;
}

// Only full x.y.z tags go through semver, so `24.04` and `15.6` are never coerced into something they are not.
function strictSemver(release: string): string | null {
  const candidate = release.replace(/^v/, "");
  return /^\d+\.\d+\.\d+/.test(candidate) ? semver.valid(candidate) : null;
}

/** Newest first: 26.04 before 25.10, 10 before 9, v0.5.1 before v0.5.0 before v0.5.0-rc1. */
export function compareReleasesNewestFirst(a: string, b: string): number {
  const moving = movingRank(a) - movingRank(b);
  if (moving !== 0) return moving;
  const x = strictSemver(a);
  const y = strictSemver(b);
  if (x && y) {
    const order = semver.rcompare(x, y);
    if (order !== 0) return order;
  }
  return compareNatural(b, a);
}
