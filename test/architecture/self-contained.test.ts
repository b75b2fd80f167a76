// A fresh clone has only the project: no test, bench or script may reach for files beside it.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir, listFixtures, projectRoot } from "../fixtures.js";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "fixtures" || name === "dist") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|json|sh)$/.test(name) || name === "run" ? [path] : [];
  });
}

// The development machine keeps the originals in a folder beside the project; a clone from GitHub has none.
const OUTSIDE = [/\.\.\/shared\b/, /\/work\/shared\b/, /SUPPORT_MATRIX_FIXTURES/];

describe("the project carries the data its tests need", () => {
  it("no test, bench, script or CI file names a path outside the project", () => {
    const files = ["test", "bench", "scripts", "src", ".ci"]
      .flatMap((d) => sourceFiles(join(projectRoot, d)))
      .filter((file) => !file.endsWith("self-contained.test.ts"));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return OUTSIDE.filter((pattern) => pattern.test(text)).map((pattern) => `${relative(projectRoot, file)}: ${pattern.source}`);
    });
    expect(offenders).toEqual([]);
  });

  it("the fixtures live inside the project, with their provenance", () => {
    expect(relative(projectRoot, fixturesDir)).toBe(join("test", "fixtures"));
    expect(listFixtures()).toEqual(
      expect.arrayContaining(["README.md", "kairos", "kairos-docs", "kairos-init", "matrix-conformance", "releases"]),
    );
    expect(readFileSync(join(fixturesDir, "README.md"), "utf8")).toMatch(/copied byte for byte from public git history/);
  });

  it(".ci/run runs the tests from a copy with nothing beside it", () => {
    const script = readFileSync(join(projectRoot, ".ci", "run"), "utf8");
    expect(script).toMatch(/mktemp -d/);
    expect(script).toMatch(/npm ci/);
    expect(script).toMatch(/npm test/);
  });
});
