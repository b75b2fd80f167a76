// Suggests the known key a typo meant (`sorces` → `sources`), so an unknown-key error says how to fix it.

/** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** `pullRequest` and `pull-request` are the same intent as `pull_request`. */
function normalize(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/-/g, "_").toLowerCase();
}

/** The closest known key, or null when nothing is close enough to be a plausible typo. */
export function suggestKey(unknown: string, known: readonly string[]): string | null {
  const wanted = normalize(unknown);
  let best: { key: string; distance: number } | null = null;
  for (const key of known) {
    const distance = editDistance(wanted, key);
    if (best === null || distance < best.distance) best = { key, distance };
  }
  if (best === null) return null;
  const tolerance = Math.max(1, Math.floor(best.key.length / 3));
  return best.distance <= tolerance ? best.key : null;
}
