// Dependencies point one way (docs/design.md): dependency-cruiser checks every import in src/ against .dependency-cruiser.cjs.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures.js";

const PURE = ["workflow", "support-matrix", "releases", "docs-page"];
const SRC = join(projectRoot, "src");

/** `from → to (rule)` for each import that breaks a rule, with paths relative to `root`. */
async function violations(root: string): Promise<{ cruised: number; found: string[] }> {
  const options = await extractDepcruiseOptions(join(projectRoot, ".dependency-cruiser.cjs"));
  const tsConfig = extractTSConfig(join(root, "tsconfig.json"));
  const result = await cruise(
    ["src"],
    { ...options, baseDir: root, tsConfig: { fileName: join(root, "tsconfig.json") } },
    {},
    { tsConfig },
  );
  const output = result.output as ICruiseResult;
  // A package resolves through the node_modules link a scratch tree has, to the project's own copy.
  const found = output.summary.violations.map((v) => `${v.from} → ${v.to.replace(/^.*?\/node_modules\//, "node_modules/")} (${v.rule.name})`);
  return { cruised: output.summary.totalCruised, found };
}

describe("the dependency direction", () => {
  it("src/ breaks none of the rules in .dependency-cruiser.cjs", async () => {
    const { cruised, found } = await violations(projectRoot);
    expect(found).toEqual([]);
    expect(cruised).toBeGreaterThan(100);
  });

  describe("on a tree that breaks each rule once", () => {
    const root = mkdtempSync(join(tmpdir(), "dependency-direction-"));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const files: Record<string, string> = {
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true } }),
      "src/sync/thing.ts": "export const thing = 1;\n",
      "src/app/late.ts": "export const late = 2;\n",
      // What the old line-by-line import scan could not see: a re-export and a dynamic import.
      "src/workflow/re-export.ts": 'export { thing } from "../sync/thing.js";\n',
      "src/support-matrix/lazy.ts": 'export async function load(): Promise<unknown> {\n  return import("../app/late.js");\n}\n',
      "src/docs-page/network.ts": 'import { request } from "node:https";\nexport const get = request;\n',
      "src/releases/client.ts": 'import type { Probot } from "probot";\nexport type App = Probot;\n',
      // What it did not check at all: github/ reaching into sync/.
      "src/github/orchestrates.ts": 'import { thing } from "../sync/thing.js";\nexport const twice = thing * 2;\n',
      "src/config/calls-github.ts": 'import type { twice } from "../github/orchestrates.js";\nexport type Twice = typeof twice;\n',
      "src/sync/wires.ts": 'export { late } from "../app/late.js";\n',
    };
    symlinkSync(join(projectRoot, "node_modules"), join(root, "node_modules"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }

    it("reports every one, export-from and import() included", async () => {
      const { found } = await violations(root);
      expect(found.sort()).toEqual(
        [
          "src/config/calls-github.ts → src/github/orchestrates.ts (config-stands-alone)",
          "src/docs-page/network.ts → https (pure-core-has-no-github-client)",
          "src/releases/client.ts → node_modules/probot/lib/index.js (pure-core-has-no-github-client)",
          "src/github/orchestrates.ts → src/sync/thing.ts (github-stays-out-of-sync)",
          "src/support-matrix/lazy.ts → src/app/late.ts (pure-core-stays-pure)",
          "src/sync/wires.ts → src/app/late.ts (shell-never-reaches-up-into-app)",
          "src/workflow/re-export.ts → src/sync/thing.ts (pure-core-stays-pure)",
        ].sort(),
      );
    });
  });
});

function sources(folder: string): string[] {
  return readdirSync(join(SRC, folder), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(SRC, folder, f));
}

describe.each(PURE)("src/%s", (folder) => {
  it("reads no clock and no environment", () => {
    for (const file of sources(folder)) {
      const text = readFileSync(file, "utf8");
      expect(text, relative(projectRoot, file)).not.toMatch(/Date\.now\(|new Date\(\)|process\.env|performance\.now\(/);
    }
  });
});
