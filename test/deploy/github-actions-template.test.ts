// The GitHub Actions template runs the version package.json declares, says so truthfully while it is untagged, and watches the default source.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultConfig } from "../../src/config/index.js";
import { projectRoot, readFixture } from "../fixtures.js";

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

describe("deploy/github-actions/support-matrix-bot.yml watches the built-in source, kairos-io/kairos master.yaml", () => {
  const [source] = defaultConfig.sources;
  const workflow = parse(template) as {
    on: {
      push: { branches: string[]; paths: string[] };
      workflow_run: { workflows: string[]; types: string[]; branches: string[] };
    };
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
  };
  const master = parse(readFixture("kairos", "master.yaml", "2026-08-21-7c1544d.yaml")) as { name: string };

  it("runs on pushes to master that change master.yaml, and on master.yaml's finished runs (by its name:)", () => {
    expect(source?.repository).toBe("kairos-io/kairos");
    expect(workflow.on.push).toEqual({ branches: ["master"], paths: [source?.workflow] });
    expect(workflow.on.workflow_run).toEqual({ workflows: [master.name], types: ["completed"], branches: ["master"] });
  });

  it("asks for a token to the docs repository and kairos, pins every action by commit, and no longer points at kairos-init", () => {
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const token = steps.find((step) => step.uses?.startsWith("actions/create-github-app-token@"));
    expect(token?.with?.repositories).toBe("kairos-docs,kairos");
    for (const step of steps.filter((s) => s.uses !== undefined)) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
    expect(template).not.toMatch(/test\.yml|copy to kairos-init|kairos-docs,kairos-init/);
  });
});
