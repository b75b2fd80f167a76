// docs/config.schema.json and docs/configuration.md stay true to the schema the bot enforces.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_SCHEMA_URL, parseConfigText, renderConfigJsonSchema } from "../../src/config/index.js";
import { schemaKeyPaths } from "../../src/config/config-json-schema.js";
import { projectRoot } from "../fixtures.js";

const reference = readFileSync(join(projectRoot, "docs", "configuration.md"), "utf8");

function fencedBlocks(language: string): string[] {
  return Array.from(reference.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g")), (m) => m[1] ?? "");
}

describe("docs/config.schema.json", () => {
  it("is what the schema generates", () => {
    const committed = readFileSync(join(projectRoot, "docs", "config.schema.json"), "utf8");
    expect(
      committed === renderConfigJsonSchema(),
      "docs/config.schema.json is stale: run `npx tsx scripts/config-schema.ts` and commit the result",
    ).toBe(true);
  });

  it("has an $id: the raw URL of this very file in the package's repository, on main", () => {
    const committed = JSON.parse(readFileSync(join(projectRoot, "docs", "config.schema.json"), "utf8")) as { $id?: string };
    const { repository } = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { repository: { url: string } };
    const ownerName = /github\.com\/([^/]+\/[^/.]+)(?:\.git)?$/.exec(repository.url)?.[1];
    expect(committed.$id).toBe(CONFIG_SCHEMA_URL);
    expect(CONFIG_SCHEMA_URL).toBe(`https://raw.githubusercontent.com/${ownerName}/main/docs/config.schema.json`);
  });

  it.each(["README.md", "docs/configuration.md"])("%s shows the yaml-language-server line for that $id", (file) => {
    const text = readFileSync(join(projectRoot, file), "utf8");
    expect(text).toContain(`# yaml-language-server: $schema=${CONFIG_SCHEMA_URL}\n`);
  });
});

describe("docs/configuration.md", () => {
  it("documents every key of the schema", () => {
    const missing = schemaKeyPaths().filter((path) => !reference.includes(`\`${path}\``));
    expect(missing, "keys missing from docs/configuration.md (write them in backticks)").toEqual([]);
    expect(schemaKeyPaths()).toContain("sources[].image_key");
  });

  it("has only valid YAML examples, except the one marked invalid", () => {
    const examples = fencedBlocks("yaml").filter((block) => !block.startsWith("# invalid"));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const example of examples) {
      const result = parseConfigText(example);
      expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
    }
  });

  it("shows the errors the bot really reports for its invalid example", () => {
    const invalid = fencedBlocks("yaml").find((block) => block.startsWith("# invalid"));
    const shown = fencedBlocks("text")[0];
    const result = parseConfigText(invalid ?? "");
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.errors.map((e) => e.message).join("\n") + "\n").toBe(shown);
  });
});
