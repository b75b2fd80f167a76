// The CLI as a user runs it: exit codes, one-line errors, the JSON contract, render --check/--write, preview, lint.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/command-line.js";
import { defaultConfig } from "../../src/config/index.js";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { desiredPage } from "../../src/sync/desired-page.js";
import { snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import { fixtureIndex, projectRoot, readFixture } from "../fixtures.js";

const TODAY = readFixture("kairos-init", "test.yml", "2026-07-13-4a52b87.yml");
const PAGE = readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md");
const SHA = "4a52b87242179469060fc17da89c65c7b4aad1fd";
const MASTER = readFixture("kairos", "master.yaml", "2026-08-21-7c1544d.yaml");
/** kairos-init's archived test.yml is no longer the default source: render says where it came from. */
const KAIROS_INIT = ["--repository", "kairos-io/kairos-init", "--path", ".github/workflows/test.yml"];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const saved = process.env.GITHUB_ACTIONS;
  if (env.GITHUB_ACTIONS === undefined) delete process.env.GITHUB_ACTIONS;
  else process.env.GITHUB_ACTIONS = env.GITHUB_ACTIONS;
  try {
    const code = await main(argv, (t) => (stdout += t), (t) => (stderr += t));
    return { code, stdout, stderr };
  } finally {
    if (saved === undefined) delete process.env.GITHUB_ACTIONS;
    else process.env.GITHUB_ACTIONS = saved;
  }
}

let dir: string;
async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "smb-cli-"));
});

describe("matrix", () => {
  it("prints GitHub's fruit/animal example as the six documented jobs, as JSON", async () => {
    const path = await file(
      "fruit.yml",
      [
        "jobs:",
        "  example_matrix:",
        "    strategy:",
        "      matrix:",
        "        fruit: [apple, pear]",
        "        animal: [cat, dog]",
        "        include:",
        "          - color: green",
        "          - color: pink",
        "            animal: cat",
        "          - fruit: apple",
        "            shape: circle",
        "          - fruit: banana",
        "          - fruit: banana",
        "            animal: cat",
        "",
      ].join("\n"),
    );
    const result = await run(["matrix", path, "--job", "example_matrix", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { fruit: "apple", animal: "cat", color: "pink", shape: "circle" },
      { fruit: "apple", animal: "dog", color: "green", shape: "circle" },
      { fruit: "pear", animal: "cat", color: "pink" },
      { fruit: "pear", animal: "dog", color: "green" },
      { fruit: "banana" },
      { fruit: "banana", animal: "cat" },
    ]);
  });

  it("keeps YAML scalar types in today's kairos-init matrix (fips is a boolean, trusted_boot a string)", async () => {
    const path = await file("test.yml", TODAY);
    const result = await run(["matrix", path, "--json"]);
    const jobs = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(jobs).toHaveLength(60);
    expect(jobs[0]).toEqual({ platform: "amd64", base_image: "ubuntu:20.04" });
    expect(jobs).toContainEqual({ platform: "amd64", base_image: "ubuntu:24.04", trusted_boot: "true" });
    expect(jobs).toContainEqual({ platform: "amd64", base_image: "fedora:41", fips: true });
    expect(jobs).not.toContainEqual({ platform: "amd64", base_image: "ubuntu:24.04" });
  });

  it("keeps go-version 1.24 a number", async () => {
    const path = await file("unit.yml", readFixture("kairos-init", "test.yml", "2025-08-26-acd2ae0.yml"));
    const result = await run(["matrix", path, "--job", "unit-tests", "--json"]);
    expect(result.stdout).toMatch(/"go-version": 1\.24\b/);
  });

  it("reads every job that names an image when several do, each line naming its job", async () => {
    const matrix = "    strategy:\n      matrix:\n        base_image: [a]\n";
    const path = await file("two.yml", `jobs:\n  one:\n${matrix}  two:\n${matrix}  three:\n    runs-on: x\n`);
    const result = await run(["matrix", path]);
    expect(result).toEqual({ code: 0, stdout: "one: base_image=a\ntwo: base_image=a\n", stderr: "" });
  });

  it("reads master.yaml's configured jobs, include-only matrices and reusable-workflow calls alike", async () => {
    const path = await file("master.yaml", MASTER);
    const all = await run(["matrix", path]);
    expect(all.code).toBe(0);
    const ids = all.stdout.trim().split("\n").map((line) => line.slice(0, line.indexOf(":")));
    expect([...new Set(ids)]).toEqual(["build-iso", "build-iso-arm", "qemu-tests-core", "qemu-tests-standard", "qemu-tests-standard-encryption", "qemu-tests-uki"]);
    expect(all.stdout).toContain("build-iso-arm: name=master-arm64-rpi4 arch=arm64 base_image=ghcr.io/kairos-io/hadron:v0.5.1 model=rpi4 iso=false trusted_boot=false kubernetes_distro=\"\"\n");
    const uki = JSON.parse((await run(["matrix", path, "--job", "qemu-tests-u*,build-iso", "--json"])).stdout) as Record<string, unknown[]>;
    expect(Object.keys(uki)).toEqual(["build-iso", "qemu-tests-uki"]);
    expect(uki["qemu-tests-uki"]).toEqual([{ test: "install-upgrade", variant: "standard" }, { test: "boot-assessment", variant: "core" }]);
  });

  it("names the jobs when --job matches none", async () => {
    const result = await run(["matrix", await file("master-none.yaml", MASTER), "--job", "qemu-*-arm"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^.*master-none\.yaml:40:1: no job matches "qemu-\*-arm"; the jobs are: unit-tests, lint, /);
  });
});

describe("bad input: one line, exit 2, never a stack trace", () => {
  const cases: [string, string, RegExp][] = [
    ["syntax.yml", "jobs:\n  a:\n    strategy: [\n", /syntax\.yml:\d+:\d+: /],
    ["not-mapping.yml", "jobs:\n  a:\n    strategy:\n      matrix: [1, 2]\n", /not-mapping\.yml:4:15: /],
    [
      "bomb.yml",
      `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 9 }, (_, i) => `${"b".repeat(i + 1)}: &${"b".repeat(i + 1)} [${Array(9).fill(i === 0 ? "*a" : `*${"b".repeat(i)}`).join(",")}]`).join("\n")}\njobs:\n  x:\n    strategy:\n      matrix:\n        base_image: *bbbbbbbbb\n`,
      /bomb\.yml:\d+:\d+: /,
    ],
    [
      "huge.yml",
      `jobs:\n  a:\n    strategy:\n      matrix:\n        base_image: [${Array.from({ length: 100 }, (_, i) => `i${i}`).join(", ")}]\n        platform: [${Array.from({ length: 100 }, (_, i) => `p${i}`).join(", ")}]\n`,
      /huge\.yml:4:7: .*256/,
    ],
  ];
  it.each(cases)("%s", async (name, text, pattern) => {
    const path = await file(name, text);
    const started = performance.now();
    const result = await run(["matrix", path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("names a missing file and an unknown command", async () => {
    expect((await run(["matrix", join(dir, "nope.yml")])).stderr).toMatch(/nope\.yml: cannot read \(ENOENT\)/);
    const unknown = await run(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    expect((await run(["render", "--bogus"])).code).toBe(2);
  });
});

describe("what the README promises: file:line:col on errors about contents, none on command-line errors", () => {
  const LOCATION = /^[^\s:]+:\d+:\d+: /;
  const files = async () => ({
    workflow: await file("promise.yml", "jobs:\n  a:\n    strategy:\n      matrix:\n        base_image: [ubuntu:24.04]\n"),
    broken: await file("promise-broken.yml", "jobs:\n  a:\n    strategy: [\n"),
    page: await file("promise.md", "## Tested distribution matrix\n\nold\n"),
    bare: await file("promise-bare.md", "# no heading\n"),
    typo: await file("promise.hbs", "x\n{{nope}}\n"),
  });

  it("contents: a workflow, a page, a template: one located line on stderr, exit 2", async () => {
    const f = await files();
    for (const argv of [
      ["matrix", f.broken],
      ["lint", f.workflow, "--job", "zz"],
      ["render", "--workflow", f.workflow, "--docs", f.bare, "--commit", SHA],
      ["render", "--workflow", f.workflow, "--docs", f.page, "--commit", SHA, "--template", f.typo],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr, argv.join(" ")).toMatch(LOCATION);
      expect(result.stderr.trim().split("\n"), argv.join(" ")).toHaveLength(1);
    }
  });

  it("command line: unreadable file, bad option or value, unknown command: no location, exit 2", async () => {
    const f = await files();
    for (const argv of [
      ["matrix", join(dir, "absent.yml")],
      ["matrix", f.workflow, "--bogus"],
      ["render", "--workflow", f.workflow, "--docs", f.page, "--commit", "abc"],
      ["render", "--workflow", f.workflow, "--docs", f.page, "--commit", SHA, "--server-url", "ftp://x"],
      ["render", "--workflow", f.workflow, "--docs", f.page],
      ["frobnicate"],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stdout, argv.join(" ")).toBe("");
      expect(result.stderr, argv.join(" ")).not.toMatch(/:\d+:\d+: /);
    }
  });
});

describe("version and help", () => {
  const version = (JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { version: string }).version;

  it.each(["--version", "-V"])("%s prints the package version and exits 0", async (flag) => {
    expect(await run([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("help alone lists every command with one line saying what it does", async () => {
    const result = await run(["help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    for (const name of ["matrix", "render", "preview", "lint", "config"]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\S.*$`, "m"));
    }
  });

  it.each([
    [["help", "matrix"]],
    [["matrix", "--help"]],
    [["matrix", "some.yml", "-h"]],
    [["render", "--help"]],
    [["lint", "--help"]],
    [["preview", "--help"]],
    [["config", "--help"]],
  ])("%j prints that command's usage and exits 0", async (argv) => {
    const result = await run(argv);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(new RegExp(`^usage: support-matrix-bot ${argv.find((a) => a !== "help")} `));
    expect(result.stdout).not.toContain("Unknown option");
  });

  it("after --, --help is an argument, not a request for help", async () => {
    const result = await run(["matrix", "--", "--help"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--help: cannot read \(ENOENT\)/);
  });

  it("help for an unknown command is a usage error", async () => {
    const result = await run(["help", "frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it("no arguments: usage on stderr, nothing on stdout, exit 2", async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^usage:\n {2}support-matrix-bot matrix /);
  });

  it("a file that cannot be read says why: a directory", async () => {
    const result = await run(["lint", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${dir}: cannot read (EISDIR)\n`);
  });
});

describe("render", () => {
  it("--check fails with a unified diff on today's page, and passes once --write has updated it", async () => {
    const workflow = await file("render-test.yml", TODAY);
    const page = await file("image_matrix.md", PAGE);
    const args = ["render", "--workflow", workflow, "--docs", page, "--commit", SHA, ...KAIROS_INIT];
    const stale = await run([...args, "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("+| Ubuntu | 24.04 | `ubuntu:24.04` | Trusted Boot (UKI) | generic | generic |");
    expect(stale.stdout).toContain("-- https://github.com/kairos-io/kairos-init/blob/main/.github/workflows/test.yml#L22-L39");
    expect((await run([...args, "--write"])).code).toBe(0);
    const written = await readFile(page, "utf8");
    expect(written).not.toBe(PAGE);
    expect((await run([...args, "--check"])).code).toBe(0);
    expect((await run(args)).stdout).toBe(written);
  });

  it("refuses image values that are no image reference, at their line, and leaves the page alone", async () => {
    const hostile = [
      "jobs:",
      "  t:",
      "    strategy:",
      "      matrix:",
      "        platform: [amd64]",
      '        base_image: ["ubuntu:24.04", "evil|image:1", "<script>alert(1)</script>:2", "back`tick:3"]',
      "",
    ].join("\n");
    const workflow = await file("hostile.yml", hostile);
    const page = await file("hostile.md", "## Tested distribution matrix\n\nold\n\n## Next\n");
    const result = await run(["render", "--workflow", workflow, "--docs", page, "--commit", SHA]);
    expect(result.stderr).toContain('.github/workflows/master.yaml:6:38: base_image value "evil|image:1" contains "|", which no image reference can');
    expect(result.stdout).toBe("");
    expect(result.code).toBe(2);
  });

  it("asks for --commit when the workflow is not in a git checkout", async () => {
    const workflow = await file("loose.yml", TODAY);
    const page = await file("loose.md", PAGE);
    const result = await run(["render", "--workflow", workflow, "--docs", page]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pass --commit SHA/);
  });
});

describe("render: the commit from git only in a clone of the source repository", () => {
  const exec = promisify(execFile);
  const identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"];

  /** A checkout with the workflow committed at .github/workflows/test.yml and the given origin (none when null). */
  async function checkout(origin: string | null): Promise<{ workflow: string; sha: string }> {
    const root = await mkdtemp(join(tmpdir(), "smb-render-git-"));
    await exec("git", ["init", "--quiet", root]);
    await mkdir(join(root, ".github", "workflows"), { recursive: true });
    const workflow = join(root, ".github", "workflows", "test.yml");
    await writeFile(workflow, TODAY);
    await exec("git", ["-C", root, "add", "."]);
    await exec("git", ["-C", root, ...identity, "commit", "--quiet", "-m", "test.yml"]);
    if (origin !== null) await exec("git", ["-C", root, "remote", "add", "origin", origin]);
    const sha = (await exec("git", ["-C", root, "rev-parse", "HEAD"])).stdout.trim();
    return { workflow, sha };
  }

  it.each([
    "https://github.com/kairos-io/kairos-init.git",
    "https://github.com/kairos-io/kairos-init",
    "git@github.com:kairos-io/kairos-init.git",
    "ssh://git@github.com/Kairos-IO/kairos-init.git",
  ])("a clone of kairos-io/kairos-init (origin %s) links its last commit of the workflow", async (origin) => {
    const { workflow, sha } = await checkout(origin);
    const result = await run(["render", "--workflow", workflow, "--docs", await file("clone.md", PAGE), ...KAIROS_INIT]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`https://github.com/kairos-io/kairos-init/blob/${sha}/.github/workflows/test.yml`);
  });

  it.each([
    ["another repository's clone (this project's, as with snapshot/)", "https://github.com/kairos-io/support-matrix-bot.git", /no clone of github\.com\/kairos-io\/kairos-init .*: its origin is github\.com\/kairos-io\/support-matrix-bot,/],
    ["a fork", "git@github.com:someone/kairos-init.git", /its origin is github\.com\/someone\/kairos-init,/],
    ["the same name on another server", "https://ghe.example.com/kairos-io/kairos-init.git", /its origin is ghe\.example\.com\/kairos-io\/kairos-init,/],
    ["no origin", null, /: it has no GitHub origin,/],
  ])("%s: refused, asking for --commit, nothing on stdout", async (_name, origin, reason) => {
    const { workflow } = await checkout(origin);
    const result = await run(["render", "--workflow", workflow, "--docs", await file("other.md", PAGE), ...KAIROS_INIT]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toMatch(/pass --commit SHA \(the kairos-io\/kairos-init commit the workflow was read at\)\n$/);
  });

  it("another source repository (--repository) is matched against the origin, on its server (--server-url)", async () => {
    const { workflow, sha } = await checkout("https://ghe.example.com/kairos-io/kairos.git");
    const args = ["render", "--workflow", workflow, "--docs", await file("mono.md", PAGE), "--repository", "kairos-io/kairos"];
    expect((await run([...args, "--server-url", "https://ghe.example.com"])).stdout).toContain(`https://ghe.example.com/kairos-io/kairos/blob/${sha}/`);
    expect((await run(args)).code).toBe(2);
  });

  it("--commit is used as given, whatever the checkout", async () => {
    const { workflow } = await checkout("https://github.com/kairos-io/support-matrix-bot.git");
    const result = await run(["render", "--workflow", workflow, "--docs", await file("given.md", PAGE), "--commit", SHA, ...KAIROS_INIT]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`/kairos-io/kairos-init/blob/${SHA}/`);
  });
});

describe("render: the defaults are the bot's built-in source", () => {
  const MASTER_SHA = "7c1544d000000000000000000000000000000000";

  it("without --repository, --path or --job, master.yaml renders as the bot renders it with no configuration file", async () => {
    const [source] = defaultConfig.sources;
    const page = await file("default-source.md", PAGE);
    const result = await run(["render", "--workflow", await file("master.yaml", MASTER), "--docs", page, "--commit", MASTER_SHA]);
    const bot = desiredPage({
      page: { file: page, text: PAGE },
      serverUrl: "https://github.com",
      testedMatrix: { template: await loadDefaultTemplate("testedMatrix"), sources: [snapshotOfSource(source!, MASTER_SHA, MASTER)] },
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(bot.text);
    expect(result.stdout).toContain(`https://github.com/kairos-io/kairos/blob/${MASTER_SHA}/.github/workflows/master.yaml`);
  });

  it.each(["nope", "kairos-io/", "kairos-io/kairos/extra", "kairos-io/.."])("--repository %s: exit 2, one line saying what is expected", async (name) => {
    const args = ["render", "--workflow", await file("bad-repo.yml", TODAY), "--docs", await file("bad-repo.md", PAGE)];
    const result = await run([...args, "--commit", SHA, "--repository", name]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `--repository must be a GitHub repository "owner/name" such as kairos-io/kairos, got "${name}"\n`,
    });
  });

  it("--help names the defaults", async () => {
    const result = await run(["render", "--help"]);
    expect(result.stdout).toContain("[--repository kairos-io/kairos] [--path .github/workflows/master.yaml]");
    expect(result.stdout).not.toMatch(/--repository kairos-io\/kairos-init\]/);
  });
});

describe("preview", () => {
  it("prints the diff the bot would propose by default: the table of kairos-io/kairos master.yaml", async () => {
    const result = await run(["preview"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("# matrix: kairos-io/kairos .github/workflows/master.yaml (jobs build-iso, build-iso-arm, qemu-tests-*) on master @ 7c1544d");
    expect(result.stdout).toContain("3 tested images");
    const rows = result.stdout.split("\n").filter((line) => line.startsWith("+| "));
    expect(rows.map((row) => row.split(" | ").slice(0, 5).join(" | "))).toEqual([
      "+| Distribution | Release | Image | amd64 | arm64",
      "+| --- | --- | --- | --- | ---",
      "+| Hadron | v0.5.1 | `ghcr.io/kairos-io/hadron:v0.5.1` | core, standard (k3s) | core, Raspberry Pi 3, Raspberry Pi 4",
      "+| Hadron (Trusted Boot) | v0.5.1, Trusted Boot (UKI) | `ghcr.io/kairos-io/hadron-trusted:v0.5.1` | core, standard (k3s) | —",
      "+| Ubuntu | 22.04 | `ubuntu:22.04` | — | NVIDIA Jetson AGX Orin, NVIDIA Jetson Orin NX",
    ]);
    expect(rows[2]).toContain("| <details><summary>20 suites on amd64</summary>acceptance, bundles, ");
    expect(rows[3]).toContain("| <details><summary>2 suites on amd64</summary>boot-assessment, install-upgrade</details> |");
    // The link to kairos-init's test.yml goes; nothing added points there.
    expect(result.stdout.split("\n").filter((line) => line.startsWith("+")).join("\n")).not.toContain("kairos-init");
  });
});

describe("lint", () => {
  it("warns about today's trusted-boot includes that replaced the generic amd64 Ubuntu jobs", async () => {
    const path = await file("lint-today.yml", TODAY);
    const result = await run(["lint", path]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^.*lint-today\.yml:\d+:\d+: warning: .*ubuntu:(24\.04|25\.10|26\.04)/);
  });

  it("adds GitHub annotations inside GitHub Actions", async () => {
    const path = await file("lint-actions.yml", TODAY);
    const result = await run(["lint", path], { GITHUB_ACTIONS: "true" });
    expect(result.stdout).toMatch(/^::warning file=.*lint-actions\.yml,line=\d+,col=\d+,title=support-matrix-bot coverage::/m);
  });

  it("is clean (exit 0) for a matrix without job-replacing includes, and says what a change stops testing", async () => {
    const base = await file("base.yml", "on: push\njobs:\n  t:\n    strategy:\n      matrix:\n        base_image: [a, b]\n");
    const head = await file("head.yml", "on: push\njobs:\n  t:\n    strategy:\n      matrix:\n        base_image: [a]\n");
    expect((await run(["lint", base])).code).toBe(0);
    const dropped = await run(["lint", head, "--base", base]);
    expect(dropped.code).toBe(1);
    expect(dropped.stdout).toMatch(/head\.yml:5:7: warning: .*base_image: b/);
  });
});

describe("lint: a workflow GitHub never runs", () => {
  const MONOREPO_COPY = readFixture("kairos", "workflows", "kairos-init-test.yml");
  const MASTER = readFixture("kairos", "workflows", "master.yaml");
  const IN_REPO = "kairos-init/.github/workflows/test.yml";
  const errors = (stdout: string) => stdout.split("\n").filter((line) => line.includes(": error: "));
  const git = (cwd: string, ...args: string[]) => promisify(execFile)("git", args, { cwd });

  /** A clone of kairos-io/kairos: origin/HEAD names master, as `git clone` sets it. */
  async function checkout(files: Record<string, string>): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), "smb-checkout-"));
    await git(root, "init", "--quiet");
    await git(root, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/master");
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
    return root;
  }

  it("reports the monorepo copy of kairos-init's test.yml as misplaced and filtered to main, given its path and branch", async () => {
    const path = await file("monorepo-test.yml", MONOREPO_COPY);
    const result = await run(["lint", path, "--path", IN_REPO, "--default-branch", "master"]);
    expect(result.code).toBe(1);
    expect(errors(result.stdout)).toEqual([
      `${path}:1:1: error: GitHub never runs this workflow: ${IN_REPO} is not directly under the repository's root .github/workflows/, the only folder GitHub runs workflows from`,
      `${path}:7:7: error: GitHub never runs this workflow for a push to master: push branches [main] does not match master`,
    ]);
  });

  it("learns the path and the default branch from the git checkout the file is in", async () => {
    const root = await checkout({ [IN_REPO]: MONOREPO_COPY });
    const result = await run(["lint", join(root, IN_REPO)]);
    expect(errors(result.stdout).map((line) => line.replace(/^.*?test\.yml:/, ""))).toEqual([
      `1:1: error: GitHub never runs this workflow: ${IN_REPO} is not directly under the repository's root .github/workflows/, the only folder GitHub runs workflows from`,
      "7:7: error: GitHub never runs this workflow for a push to master: push branches [main] does not match master",
    ]);
    // The flags win over what the checkout says: kairos-init's own repository ran it from its root on main.
    const asOwnRepository = await run(["lint", join(root, IN_REPO), "--path", ".github/workflows/test.yml", "--default-branch", "main"]);
    expect(errors(asOwnRepository.stdout)).toEqual([]);
  });

  it("finds nothing in master.yaml at the root of the checkout", async () => {
    const root = await checkout({ ".github/workflows/master.yaml": MASTER });
    const result = await run(["lint", join(root, ".github/workflows/master.yaml"), "--job", "build-iso-arm"]);
    expect(result).toMatchObject({ code: 0, stdout: "" });
  });

  it("annotates the error inside GitHub Actions, and documents the flags in --help", async () => {
    const path = await file("monorepo-actions.yml", MONOREPO_COPY);
    const result = await run(["lint", path, "--path", IN_REPO, "--default-branch", "master"], { GITHUB_ACTIONS: "true" });
    expect(result.stdout).toContain(`::error file=${path},line=7,col=7,title=support-matrix-bot never runs::`);
    const help = await run(["lint", "--help"]);
    expect(help.stdout).toContain("--path .github/workflows/x.yml");
    expect(help.stdout).toContain("--default-branch BRANCH");
    expect(help.stdout).toContain("origin/HEAD");
  });
});

describe("lint on master.yaml's configured jobs", () => {
  it.each(fixtureIndex("kairos").filter((row) => /^master\.yaml\//.test(row.file)))("$file: no finding, exit 0", async ({ file: name }) => {
    const [folder, version] = name.split("/") as [string, string];
    const result = await run(["lint", await file(`clean-${version}`, readFixture("kairos", folder, version))]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it.each(fixtureIndex("kairos").filter((row) => /^pr\.yaml\//.test(row.file)))("$file: no coverage warning, only that pushes never run it", async ({ file: name }) => {
    const [folder, version] = name.split("/") as [string, string];
    const path = await file(`pr-${version}`, readFixture("kairos", folder, version));
    const result = await run(["lint", path]);
    expect(result.stdout).not.toContain(": warning: ");
    expect(result.stdout).toMatch(new RegExp(`^${path}:\\d+:1: error: GitHub never runs this workflow for a push to the default branch: .*\\n$`));
  });

  it("reports an include-only entry that repeats its neighbour, at the entry", async () => {
    const rpi4 = "{name: 'master-arm64-rpi4', arch: 'arm64', base_image: 'ghcr.io/kairos-io/hadron:v0.5.1', model: 'rpi4',";
    const path = await file("repeat.yaml", MASTER.replace(rpi4, rpi4.replace("'rpi4'", "'rpi3'")));
    const result = await run(["lint", path], { GITHUB_ACTIONS: "true" });
    expect(result.code).toBe(1);
    const [line, annotationLine, ...rest] = result.stdout.trim().split("\n");
    expect(rest).toEqual([]);
    expect(line).toMatch(/repeat\.yaml:134:13: warning: include entry names the job \{arch: arm64, .* model: rpi3, .*\} of "build-iso-arm" that the include entry at .*repeat\.yaml:133:13 already adds/);
    expect(annotationLine).toMatch(/^::warning file=.*repeat\.yaml,line=134,col=13,title=support-matrix-bot coverage::include entry names the job/);
    expect((await run(["lint", path, "--job", "build-iso,qemu-tests-*"])).code).toBe(0);
  });

  it("words a Hadron bump as a replacement, not as jobs no longer tested (crafted: v0.5.0 before 7c1544d)", async () => {
    const base = await file("master-v0.5.0.yaml", MASTER.replaceAll("ghcr.io/kairos-io/hadron:v0.5.1", "ghcr.io/kairos-io/hadron:v0.5.0"));
    const head = await file("master-v0.5.1.yaml", MASTER);
    const result = await run(["lint", head, "--base", base]);
    expect(result).toEqual({
      code: 0,
      stdout:
        `${head}:104:68: notice: Replaced Hadron v0.5.0 (ghcr.io/kairos-io/hadron:v0.5.0) by Hadron v0.5.1 (ghcr.io/kairos-io/hadron:v0.5.1), ` +
        `tested on amd64 (core, standard (k3s)) and arm64 (core, Raspberry Pi 3, Raspberry Pi 4) as before.\n`,
      stderr: "",
    });
  });

  it("words kairos-init's real bump #397 (bdb1a4a → 352996f) as a replacement beside the warnings it kept", async () => {
    const base = await file("test-bdb1a4a.yml", readFixture("kairos-init", "test.yml", "2026-07-08-bdb1a4a.yml"));
    const head = await file("test-352996f.yml", readFixture("kairos-init", "test.yml", "2026-07-13-352996f.yml"));
    const result = await run(["lint", head, "--base", base]);
    const lines = result.stdout.trim().split("\n");
    expect(lines.filter((l) => l.includes("no longer tested: "))).toEqual([]);
    expect(lines.filter((l) => l.includes(": notice: "))).toEqual([
      `${head}:46:12: notice: Replaced Hadron v0.5.0 (ghcr.io/kairos-io/hadron:v0.5.0) by Hadron v0.5.1 (ghcr.io/kairos-io/hadron:v0.5.1), tested on amd64 (generic) and arm64 (Raspberry Pi 4) as before.`,
    ]);
  });
});

const cli = () => join(projectRoot, "dist", "cli.js");

describe("the installed executable", () => {
  it("runs from dist/ and exits with the command's code", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [cli(), "preview"]);
    expect(stdout).toContain("tested images");
    await expect(promisify(execFile)(process.execPath, [cli(), "matrix"])).rejects.toMatchObject({ code: 2 });
  });

  it("reads its version from the package it was installed from", async () => {
    const { version } = JSON.parse(await readFile(join(projectRoot, "package.json"), "utf8")) as { version: string };
    const { stdout } = await promisify(execFile)(process.execPath, [cli(), "--version"]);
    expect(stdout).toBe(`${version}\n`);
  });

  it("stops quietly when its reader closes the pipe early (preview | head)", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [cli(), "preview"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
