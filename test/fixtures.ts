// Where the shared, real-history fixtures live; tests fail with a clear message when they are missing.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function locateFixtures(): string {
  const candidates = [
    process.env.SUPPORT_MATRIX_FIXTURES,
    resolve(projectRoot, "../shared/fixtures"),
    "/work/shared/fixtures",
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((c) => existsSync(join(c, "README.md")));
  if (!found) {
    throw new Error(
      `shared fixtures not found; looked in ${candidates.join(", ")} (set SUPPORT_MATRIX_FIXTURES)`,
    );
  }
  return found;
}

export const fixturesDir = locateFixtures();

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
export function fixtureIndex(repo: "kairos-init" | "kairos-docs"): FixtureIndexRow[] {
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
