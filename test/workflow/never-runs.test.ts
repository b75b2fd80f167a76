// The "never runs" check: where a workflow lives, whether a push to the default branch fires it, and `if: false` jobs.
import { describe, expect, it } from "vitest";
import { neverRunsProblems, workflowLocationProblem, type RunContext } from "../../src/workflow/never-runs.js";
import { readWorkflow } from "../../src/workflow/read-workflow.js";
import { listFixtures, readFixture } from "../fixtures.js";

const AT_ROOT: RunContext = { path: ".github/workflows/ci.yml", defaultBranch: "master", jobIds: ["build"] };

function problems(on: string, context: Partial<RunContext> = {}, job = "    runs-on: ubuntu-latest\n"): string[] {
  const text = `${on}\njobs:\n  build:\n${job}`;
  return neverRunsProblems(readWorkflow(text, "ci.yml"), { ...AT_ROOT, ...context }).map((p) => p.message);
}

describe("where the workflow lives", () => {
  it.each([
    [".github/workflows/master.yaml", null],
    ["./.github/workflows/ci.yml", null],
    ["kairos-init/.github/workflows/test.yml", "not directly under the repository's root .github/workflows/"],
    [".github/workflows/nested/ci.yml", "not directly under the repository's root .github/workflows/"],
    [".github/ci.yml", "not directly under the repository's root .github/workflows/"],
    [".github/workflows/ci.json", "does not end in .yml or .yaml"],
  ])("%s", (path, expected) => {
    const problem = workflowLocationProblem(path);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toContain(expected);
  });
});

describe("triggers for a push to the default branch", () => {
  it.each([
    ["on: push"],
    ["on: [pull_request, push]"],
    ["on:\n  push:"],
    ["on:\n  push:\n    branches: [master]"],
    ["on:\n  push:\n    branches: ['**']"],
    ["on:\n  push:\n    branches: ['releases/**', '!releases/**-alpha', master]"],
    ["on:\n  push:\n    branches-ignore: [main, 'feature/**']"],
    ["on:\n  push:\n    branches: [master]\n    tags: ['v*']"],
    ["on:\n  push:\n    paths: ['src/**', '!src/docs/**']"],
    ["on:\n  push:\n    paths-ignore: ['docs/**', '**/*.md']"],
    ["on:\n  schedule:\n    - cron: '0 4 * * *'"],
    ["on:\n  workflow_dispatch:\n  schedule:\n    - cron: '0 4 * * *'"],
    ["on:\n  workflow_run:\n    workflows: [Build]\n    types: [completed]"],
    ["on:\n  push:\n    branches: ['${{ github.event.repository.default_branch }}']"],
    ["on:\n  pull_request:\n  push:\n    branches: [main]\n  schedule:\n    - cron: '0 4 * * *'"],
  ])("fires: %s", (on) => {
    expect(problems(on)).toEqual([]);
  });

  it.each([
    ["on:\n  push:\n    branches: [main]", "ci.yml:3:15: GitHub never runs this workflow for a push to master: push branches [main] does not match master"],
    ["on:\n  push:\n    branches: ['releases/**', '!master']", "push branches [releases/**, !master] does not match master"],
    ["on:\n  push:\n    branches: [Master]", "push branches [Master] does not match master"],
    ["on:\n  push:\n    branches-ignore: [master]", "ci.yml:3:22: GitHub never runs this workflow for a push to master: push branches-ignore [master] excludes master"],
    ["on:\n  push:\n    branches-ignore: ['ma*']", "push branches-ignore [ma*] excludes master"],
    ["on:\n  push:\n    tags: ['v*']", "push names only tags, so no branch push starts it"],
    ["on:\n  push:\n    branches: [master]\n    branches-ignore: [dev]", "GitHub rejects push with both branches and branches-ignore"],
    ["on:\n  push:\n    paths: ['!docs/**']", "push paths [!docs/**] can match no file"],
    ["on:\n  push:\n    paths: []", "push paths [] can match no file"],
    ["on:\n  push:\n    paths-ignore: ['**']", "push paths-ignore [**] ignores every file"],
    ["on:\n  push:\n    paths: [src]\n    paths-ignore: [docs]", "GitHub rejects push with both paths and paths-ignore"],
    ["on: workflow_dispatch", "ci.yml:1:1: GitHub never runs this workflow for a push to master: it runs only when someone starts it by hand (workflow_dispatch)"],
    ["on:\n  workflow_call:\n    inputs:\n      arch:\n        type: string", "it runs only when another workflow calls it (workflow_call): configure the calling job instead"],
    ["on: [workflow_call, workflow_dispatch]", "it runs only when called by another workflow or started by hand (workflow_call, workflow_dispatch)"],
    ["on: [pull_request, release]", "its triggers (pull_request, release) never fire for a push"],
    ["on:\n  workflow_run:\n    workflows: [Build]\n    branches: [main]", "workflow_run branches [main] does not match master"],
  ])("never fires: %s", (on, expected) => {
    const found = problems(on);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(expected);
  });

  it("says nothing about branch filters when the default branch is unknown, but still about what holds for any branch", () => {
    expect(problems("on:\n  push:\n    branches: [main]", { defaultBranch: null })).toEqual([]);
    expect(problems("on: workflow_dispatch", { defaultBranch: null })[0]).toContain("for a push to the default branch: it runs only when someone starts it by hand");
  });

  it("leaves a file without `on:` to workflow validators (GitHub refuses it outright)", () => {
    expect(problems("name: x")).toEqual([]);
  });
});

describe("a configured job that is `if: false`", () => {
  it.each([["false"], ["'false'"], ["${{ false }}"], ["\"${{false}}\""]])("if: %s never runs", (condition) => {
    expect(problems("on: push", {}, `    if: ${condition}\n    runs-on: ubuntu-latest\n`)).toEqual([
      `ci.yml:4:9: GitHub never runs job "build": its if: is always false`,
    ]);
  });

  it("leaves other conditions and jobs that are not configured alone", () => {
    expect(problems("on: push", {}, "    if: github.ref == 'refs/heads/master'\n    runs-on: x\n")).toEqual([]);
    expect(problems("on: push", { jobIds: ["other"] }, "    if: false\n    runs-on: x\n")).toEqual([]);
  });
});

describe("the Kairos workflows", () => {
  it("finds nothing in any version of master.yaml, on kairos-io/kairos master", () => {
    const versions = listFixtures("kairos", "master.yaml");
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) {
      const workflow = readWorkflow(readFixture("kairos", "master.yaml", version), ".github/workflows/master.yaml");
      const context = { path: ".github/workflows/master.yaml", defaultBranch: "master", jobIds: workflow.jobIds };
      expect(neverRunsProblems(workflow, context), version).toEqual([]);
    }
  });

  it("finds the monorepo copy of kairos-init's test.yml both misplaced and filtered to main", () => {
    const file = "kairos-init/.github/workflows/test.yml";
    const workflow = readWorkflow(readFixture("kairos", "workflows", "kairos-init-test.yml"), file);
    const found = neverRunsProblems(workflow, { path: file, defaultBranch: "master", jobIds: ["testing_build_matrix"] }).map((p) => p.message);
    expect(found).toEqual([
      `${file}:1:1: GitHub never runs this workflow: ${file} is not directly under the repository's root .github/workflows/, the only folder GitHub runs workflows from`,
      `${file}:7:7: GitHub never runs this workflow for a push to master: push branches [main] does not match master`,
    ]);
  });

  it("finds kairos-init's own test.yml running on its default branch main", () => {
    const workflow = readWorkflow(readFixture("kairos-init", "test.yml", "2026-07-13-4a52b87.yml"), ".github/workflows/test.yml");
    expect(neverRunsProblems(workflow, { path: ".github/workflows/test.yml", defaultBranch: "main", jobIds: workflow.jobIds })).toEqual([]);
  });
});
