// The real-history fixtures the tests read, bundled in test/fixtures/ so a fresh clone can run them.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Copied byte for byte from public git history; test/fixtures/README.md gives the provenance. */
export const fixturesDir = join(projectRoot, "test", "fixtures");

export interface FixtureIndexRow {
  file: string;
  fullSha: string;
  parentSha: string;
  date: string;
  subject: string;
  committerDate: string;
  path: string;
  ref: string;
}

/** Rows of `<repo>/index.tsv`, newest first, as the fixtures README describes. */
export function fixtureIndex(repo: "kairos-init" | "kairos-docs" | "kairos"): FixtureIndexRow[] {
  const text = readFileSync(join(fixturesDir, repo, "index.tsv"), "utf8");
  const [, ...rows] = text.trimEnd().split("\n");
  return rows.map((row) => {
    const [file, fullSha, parentSha, date, subject, committerDate, path, ref] = row.split("\t");
    return { file, fullSha, parentSha, date, subject, committerDate, path, ref } as FixtureIndexRow;
  });
}

export function readFixture(...parts: string[]): string {
  return readFileSync(join(fixturesDir, ...parts), "utf8");
}

export function listFixtures(...parts: string[]): string[] {
  return readdirSync(join(fixturesDir, ...parts)).sort();
}
