// The GitHub Actions template runs the version package.json declares, and says so truthfully while it is untagged.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures.js";

const read = (path: string) => readFileSync(join(projectRoot, path), "utf8");
const { version } = JSON.parse(read("package.json")) as { version: string };
const template = read("deploy/github-actions/support-matrix-bot.yml");
const changelog = read("CHANGELOG.md");
const readme = read("README.md");

describe("deploy/github-actions/support-matrix-bot.yml", () => {
  it("runs this repository at the tag of package.json's version", () => {
    const refs = [...template.matchAll(/github:kairos-io\/support-matrix-bot#(\S+)/g)].map((m) => m[1]);
    expect(refs).toEqual([`v${version}`]);
    expect(template).toContain(`support-matrix-bot@${version} support-matrix-bot-action`);
    expect(readme).toContain(`\`#v${version}\``);
  });

  it("says the tag does not exist yet exactly while CHANGELOG.md has no section for that version", () => {
    const released = new RegExp(`^## \\[?v?${version.replace(/\./g, "\\.")}\\b`, "m").test(changelog);
    expect(template.includes("No release is tagged yet"), "template comment").toBe(!released);
    expect(readme.includes("no release is tagged yet"), "README").toBe(!released);
  });
});
