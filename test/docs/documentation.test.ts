// The README and docs stay true: the settings table matches the code, links resolve, named files exist.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { settingsVariablesMarkdown } from "../../src/app/settings.js";
import { configFileSchema } from "../../src/config/config-schema.js";
import { defaultConfig, parseConfigText } from "../../src/config/index.js";
import { projectRoot } from "../fixtures.js";

const read = (path: string) => readFileSync(join(projectRoot, path), "utf8");
const markdownFiles = ["README.md", ...readdirSync(join(projectRoot, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

describe("README", () => {
  it("lists every setting exactly as src/app/settings.ts reads it", () => {
    const readme = read("README.md");
    const table = /<!-- settings-table:begin[^\n]*-->\n([\s\S]*?)<!-- settings-table:end -->/.exec(readme)?.[1];
    expect(table?.trim()).toBe(settingsVariablesMarkdown().trim());
  });

  it("names only npm scripts that exist", () => {
    const scripts = Object.keys((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts);
    const named = [...read("README.md").matchAll(/npm (?:run )?(start|test|demo|bench|preview|build)\b/g)].map((m) => m[1]!);
    expect(new Set(named)).toEqual(new Set(["start", "test", "demo", "bench", "preview", "build"]));
    for (const script of named) expect(scripts).toContain(script);
  });

  it("gives the two quickstart commands, and .ci/run runs the same test command", () => {
    const readme = read("README.md");
    expect(readme).toContain("npm ci && npm run preview");
    expect(readme).toContain("npm test");
    expect(read(".ci/run")).toMatch(/^npm ci$/m);
    expect(read(".ci/run")).toMatch(/^npm test$/m);
  });
});

describe("README configuration example", () => {
  const readme = read("README.md");
  const section = readme.slice(readme.indexOf("### The configuration file"));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "";

  it("is a file the schema accepts, naming no placeholder reviewer", () => {
    expect(block).not.toBe("");
    const result = configFileSchema.safeParse(parse(block));
    expect(result.error?.issues ?? []).toEqual([]);
    expect(block).not.toMatch(/a-maintainer|<[a-z-]+>\]?\s*$/m);
  });

  it("shows the real defaults on every line not marked as an example", () => {
    const defaultsOnly = block
      .split("\n")
      .filter((line) => !/#\s*example\b/.test(line))
      .join("\n");
    const shown = parse(defaultsOnly) as Record<string, unknown>;
    const parsed = configFileSchema.parse(shown) as Record<string, unknown>;
    const defaults = configFileSchema.parse({}) as Record<string, unknown>;
    expect(Object.keys(shown).length).toBeGreaterThan(3);
    for (const key of Object.keys(shown)) expect(parsed[key], key).toEqual(defaults[key]);
  });

  it("names only template files that exist in templates/", () => {
    const named = [...readme.matchAll(/[\w./-]+\.hbs\b/g)].map((m) => m[0]);
    expect(named.length).toBeGreaterThan(0);
    for (const path of named) {
      expect(path.startsWith("templates/"), `${path} is not a built-in template path`).toBe(true);
      expect(existsSync(join(projectRoot, path)), path).toBe(true);
    }
  });
});

describe("README section on the move from kairos-init", () => {
  const readme = read("README.md");
  const start = readme.indexOf("### From kairos-init to the monorepo");
  const section = readme.slice(start, readme.indexOf("\n## ", start));
  const [monorepo, kairosInit] = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");

  it("shows the default sources: a file with only that block is the default configuration", () => {
    const result = parseConfigText(monorepo ?? "");
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
    expect(result.ok && result.config).toEqual(defaultConfig);
  });

  it("shows a kairos-init test.yml configuration the bot accepts", () => {
    const result = parseConfigText(kairosInit ?? "");
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
    expect(result.ok && result.config.sources.map((s) => [s.repository, s.workflow, s.jobs])).toEqual([
      ["kairos-io/kairos-init", ".github/workflows/test.yml", ["testing_build_matrix"]],
    ]);
  });
});

describe("docs/configuration.md template overrides", () => {
  const reference = read("docs/configuration.md");

  it("name only copies of built-in templates that exist in templates/", () => {
    const named = [...reference.matchAll(/[\w./-]+\.hbs\b/g)].map((m) => m[0]);
    expect(named.length).toBeGreaterThanOrEqual(6);
    for (const path of named) expect(existsSync(join(projectRoot, "templates", basename(path))), path).toBe(true);
  });

  it("mark every docs-repository template path in an example as an example, not a default", () => {
    const lines = reference.split("\n").filter((line) => /^\s+\w+: [\w./-]+\.hbs\b/.test(line));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(/#\s*example\b/);
  });
});

describe.each(markdownFiles)("%s", (file) => {
  it("links only to files that exist", () => {
    const text = read(file);
    const targets = [...text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t));
    for (const target of targets) expect(existsSync(resolve(projectRoot, dirname(file), target)), `${file} → ${target}`).toBe(true);
  });
});

describe("docs/design.md", () => {
  it("names only source files that exist", () => {
    const design = read("docs/design.md");
    const named = [...design.matchAll(/\b([a-z]+(?:-[a-z]+)*\/[a-z-]+\.ts)\b/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(10);
    for (const path of named) {
      expect(existsSync(join(projectRoot, "src", path)) || existsSync(join(projectRoot, path)), path).toBe(true);
    }
  });
});
