// The pure core stays pure: no GitHub, no app wiring, no network, clock or environment in its folders.
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures.js";

const PURE = ["workflow", "support-matrix", "releases", "docs-page"];
const SRC = join(projectRoot, "src");

function sources(folder: string): string[] {
  return readdirSync(join(SRC, folder), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(SRC, folder, f));
}

function imports(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/^import[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
}

describe.each(PURE)("src/%s", (folder) => {
  it("imports neither github/, sync/, app/, config/ nor Probot or Octokit", () => {
    for (const file of sources(folder)) {
      for (const target of imports(file)) {
        const where = `${relative(projectRoot, file)} imports ${target}`;
        expect(target, where).not.toMatch(/^(probot|@octokit\/)/);
        expect(target, where).not.toMatch(/\/(github|sync|app|config|cli)\//);
        expect(target, where).not.toMatch(/^node:(http|https|net|child_process)$/);
      }
    }
  });

  it("reads no clock and no environment", () => {
    for (const file of sources(folder)) {
      const text = readFileSync(file, "utf8");
      expect(text, relative(projectRoot, file)).not.toMatch(/Date\.now\(|new Date\(\)|process\.env|performance\.now\(/);
    }
  });
});

describe("the layering of the shell", () => {
  it("sync/ and github/ never reach up into app/", () => {
    for (const folder of ["sync", "github", "config"]) {
      for (const file of sources(folder)) {
        for (const target of imports(file)) expect(target, `${relative(projectRoot, file)} imports ${target}`).not.toMatch(/\/app\//);
      }
    }
  });
});
