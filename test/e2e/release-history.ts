// The five default Kairos components' real release history (snapshot/releases/*.tsv), as a simulator seeds it.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { GitHubSimulator } from "../github-simulator/index.js";

export interface SeededRelease {
  readonly tag: string;
  /** UTC, as GitHub's API writes published_at. */
  readonly date: string;
  readonly prerelease: boolean;
}

/** Repository names as the fixtures and the default config spell them. */
export const DEFAULT_COMPONENT_NAMES = ["kairos", "provider-kairos", "immucore", "AuroraBoot", "osbuilder"] as const;

// Not through test/fixtures.ts: the demo and the bench must run from the committed snapshot alone.
export const SNAPSHOT_RELEASES_DIR = resolve(import.meta.dirname, "../../snapshot/releases");

// The Kairos pipeline (goreleaser) flags these as GitHub prereleases; build tags like `v1.24.3-56` it does not.
const PRERELEASE_TAG = /-(rc|beta|alpha)/i;

/** One `snapshot/releases/<name>.tsv`: tag, published_at, prerelease; newest first, like the API lists them. */
export function readSnapshotReleases(name: string): SeededRelease[] {
  const text = readFileSync(join(SNAPSHOT_RELEASES_DIR, `${name}.tsv`), "utf8");
  return rows(text).map(([tag = "", date = "", prerelease]) => ({ tag, date, prerelease: prerelease === "true" }));
}

/** What a snapshot file holds for a fixtures `<name>.tags.tsv` (tag, creatordate, sha): UTC dates, rc/beta/alpha flagged. */
export function releasesFromTags(tagsTsv: string): SeededRelease[] {
  return rows(tagsTsv).map(([tag = "", date = ""]) => ({
    tag,
    date: new Date(date).toISOString().replace(".000Z", "Z"),
    prerelease: PRERELEASE_TAG.test(tag),
  }));
}

/** The text of a snapshot file, for regenerating snapshot/releases (see its README). */
export function snapshotText(releases: readonly SeededRelease[]): string {
  const lines = releases.map((r) => `${r.tag}\t${r.date}\t${r.prerelease}`);
  return ["tag\tpublished_at\tprerelease", ...lines].join("\n") + "\n";
}

/** `WorldOptions.releases` for the five default components. */
export function defaultComponentHistory(): Record<string, readonly SeededRelease[]> {
  return Object.fromEntries(DEFAULT_COMPONENT_NAMES.map((name) => [`kairos-io/${name}`, readSnapshotReleases(name)]));
}

/** Creates each component repository and publishes its releases oldest first, each dated as it really was. */
export function seedComponentHistory(sim: GitHubSimulator, history = defaultComponentHistory()): void {
  for (const [repository, releases] of Object.entries(history)) {
    const [owner = "kairos-io", name = repository] = repository.split("/");
    // A component that is also a source (kairos-io/kairos, seeded with its workflows) gets its releases added.
    if (!sim.state.repositoryExists(repository)) sim.createRepo({ owner, name, files: { "README.md": `# ${name}\n` } });
    for (const release of [...releases].reverse()) {
      sim.createRelease({ repo: repository, tag: release.tag, prerelease: release.prerelease, createdAt: release.date });
    }
  }
}

function rows(tsv: string): string[][] {
  return tsv
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t"));
}
