// `config check` as a maintainer runs it: the app's own messages for the same file, exit 0 valid / 1 invalid / 2 unreadable.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/command-line.js";
import { ConfigHistory } from "../../src/sync/config-at-commit.js";
import { octokitServing } from "../config/octokit-serving.js";

const PATH = ".github/support-matrix-bot.yml";
const DOCS = { owner: "kairos-io", repo: "kairos-docs" };
const SHA = "1dca11a0000000000000000000000000000000aa";

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, (t) => (stdout += t), (t) => (stderr += t));
  return { code, stdout, stderr };
}

/** What the running app lists in its problems issue for this file on the docs default branch. */
async function appProblems(text: string, defaultBranch?: string): Promise<string[]> {
  const octokit = octokitServing({ [`/repos/${DOCS.owner}/${DOCS.repo}/contents/${PATH}`]: text });
  const read = await new ConfigHistory().at(octokit, DOCS, SHA, defaultBranch === undefined ? {} : { defaultBranch });
  return read.problems.map((p) => p.message);
}

let repo: string;
beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), "smb-config-check-"));
  await mkdir(join(repo, ".github"));
});

/** Writes the file where the app reads it, and checks it from the repository root as a maintainer would. */
async function check(text: string, ...options: string[]) {
  await writeFile(join(repo, PATH), text);
  const cwd = process.cwd();
  process.chdir(repo);
  try {
    return await run(["config", "check", ...options]);
  } finally {
    process.chdir(cwd);
  }
}

describe("config check gives the app's messages", () => {
  const broken: [string, string, string?][] = [
    ["unknown key, bad value and a path outside the repository", "page: ../x.md\nsorces: []\npull_request:\n  draft: maybe\n"],
    ["invalid YAML", "pull_request:\n  labels: [docs\n"],
    ["a duplicate key", "page: a.md\npage: b.md\n"],
    ["a bare string", "just words\n"],
    ["a list instead of a mapping", "- sources\n"],
    ["two sources reading the same job", "sources:\n  - repository: kairos-io/kairos-init\n  - repository: kairos-io/kairos-init\n"],
    ["the bot's branch is the default branch", "pull_request:\n  branch: master\n", "master"],
  ];

  it.each(broken)("%s: the same located lines, exit 1", async (_name, text, defaultBranch) => {
    const expected = await appProblems(text, defaultBranch);
    expect(expected.length).toBeGreaterThan(0);
    const result = await check(text, ...(defaultBranch === undefined ? [] : ["--default-branch", defaultBranch]));
    expect(result).toEqual({ code: 1, stdout: expected.map((line) => `${line}\n`).join(""), stderr: "" });
    for (const line of expected) expect(line).toMatch(/^\.github\/support-matrix-bot\.yml:\d+:\d+: /);
  });

  it("points at the line and column of each problem", async () => {
    const result = await check("page: ../x.md\nsorces: []\n");
    expect(result.stdout.split("\n").filter(Boolean).map((line) => line.split(": ")[0])).toEqual([`${PATH}:1:7`, `${PATH}:2:1`]);
    expect(result.stdout).toContain('did you mean "sources"?');
  });
});

describe("config check on a valid file", () => {
  it.each([
    ["an empty file (the defaults)", ""],
    ["a real configuration", "sources:\n  - repository: kairos-io/kairos\n    workflow: .github/workflows/master.yaml\npull_request:\n  labels: [documentation]\n"],
  ])("%s: exit 0, the app finds no problem", async (_name, text) => {
    expect(await appProblems(text)).toEqual([]);
    expect(await check(text)).toEqual({ code: 0, stdout: `${PATH}: valid\n`, stderr: "" });
  });

  it("says that _extends is not followed offline", async () => {
    const result = await check("_extends: .github\npage: docs/x.md\n");
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/_extends is not followed offline/);
  });

  it("checks a file named on the command line, naming it as given", async () => {
    const path = join(repo, "elsewhere.yml");
    await writeFile(path, "preview:\n  enabled: sometimes\n");
    const result = await run(["config", "check", path]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${path.replace(/[.\\/]/g, "\\$&")}:2:12: preview\\.enabled: `));
  });
});

describe("config check usage", () => {
  it("a file that cannot be read: one line without a location, exit 2", async () => {
    const result = await run(["config", "check", join(repo, "missing.yml")]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `${join(repo, "missing.yml")}: cannot read (ENOENT)\n` });
  });

  it.each([[["config"]], [["config", "verify"]], [["config", "check", "a.yml", "b.yml"]]])("%j is a usage error", async (argv) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^usage: support-matrix-bot config check /);
  });

  it("help names the command and what it does", async () => {
    expect((await run(["help"])).stdout).toMatch(/^ {2}config +check a \.github\/support-matrix-bot\.yml/m);
    expect((await run(["config", "--help"])).stdout).toMatch(/^usage: support-matrix-bot config check \[file/);
  });
});
