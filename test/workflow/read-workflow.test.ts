// Reading a workflow: positions for every part of a matrix, expressions refused where they are, and job selection.
import { describe, expect, it } from "vitest";
import { DEFAULT_IMAGE_KEY, DEFAULT_PLATFORM_KEY, selectMatrixJob } from "../../src/workflow/job-selection.js";
import { expandMatrix } from "../../src/workflow/matrix-expansion.js";
import { readWorkflow } from "../../src/workflow/read-workflow.js";
import { WorkflowError } from "../../src/workflow/workflow-error.js";
import { readFixture } from "../fixtures.js";
import { matrixOf, workflowWithMatrix } from "./workflow-text.js";

function message(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof WorkflowError) return error.message;
    throw error;
  }
  throw new Error("expected a WorkflowError");
}

function select(text: string, jobId?: string) {
  return selectMatrixJob(readWorkflow(text, "ci.yml"), { jobId, imageKey: DEFAULT_IMAGE_KEY });
}

describe("positions", () => {
  it("locates the matrix key, each dimension key and value, and each include entry and its keys", () => {
    const matrix = matrixOf("platform: [amd64, arm64]\nbase_image:\n  - ubuntu:24.04\ninclude:\n  - platform: arm64\n    model: rpi4");
    const at = (l: { line: number; col: number }) => `${l.line}:${l.col}`;
    expect(at(matrix.location)).toBe("6:7");
    expect(matrix.dimensions.map((d) => [d.key, at(d.keyLocation), d.values.map((v) => at(v.location))])).toEqual([
      ["platform", "7:9", ["7:20", "7:27"]],
      ["base_image", "8:9", ["9:13"]],
    ]);
    const [entry] = matrix.include;
    expect(at(entry!.location)).toBe("11:13");
    expect(entry!.pairs.map((p) => [p.key, at(p.keyLocation), p.value, at(p.valueLocation)])).toEqual([
      ["platform", "11:13", "arm64", "11:23"],
      ["model", "12:13", "rpi4", "12:20"],
    ]);
  });

  it("records which include entries shaped each job, and whose value an entry overwrote", () => {
    const matrix = matrixOf("os: [linux, windows]\ninclude:\n  - shell: bash\n  - os: windows\n    shell: pwsh\n  - os: macos");
    const [linux, windows, macos] = expandMatrix(matrix).jobs;
    expect(linux!.merges.map((m) => m.entry.index)).toEqual([0]);
    expect(windows!.values).toEqual({ os: "windows", shell: "pwsh" });
    const overwrite = windows!.merges[1]!.assignments[0]!;
    expect(overwrite.key).toBe("shell");
    expect(overwrite.overwritten?.value).toBe("bash");
    expect(overwrite.overwritten?.setBy.index).toBe(0);
    expect(macos!.createdBy?.index).toBe(2);
    expect(macos!.original).toBeNull();
    expect(linux!.original).toEqual({ os: "linux" });
  });
});

describe("matrices that are not statically known", () => {
  it("points at the expression when the whole matrix is one", () => {
    const text = "jobs:\n  test:\n    strategy:\n      matrix: ${{ fromJSON(needs.a.outputs.m) }}\n";
    expect(message(() => select(text, "test"))).toBe(
      'ci.yml:4:15: strategy.matrix of job "test" is not statically known: it uses an expression (${{ ... }}) that GitHub evaluates only when the workflow runs',
    );
  });

  it("points at an expression used as a dimension, as include, or inside a value", () => {
    const cases: [string, string][] = [
      ["base_image: ${{ fromJSON(inputs.images) }}", "7:21"],
      ["base_image: [a]\ninclude: ${{ fromJSON(inputs.extra) }}", "8:18"],
      ['base_image: ["ubuntu-${{ inputs.v }}"]', "7:30"],
      ["base_image: [a]\ninclude:\n  - base_image: a\n    tag: \"v-${{ github.sha }}\"", "10:21"],
    ];
    for (const [block, position] of cases) {
      expect(message(() => select(workflowWithMatrix(block), "test"))).toMatch(
        new RegExp(`^ci\\.yml:${position}: strategy\\.matrix of job "test" is not statically known`),
      );
    }
  });

  it("says so instead of 'no job uses the key' when the only matrix is an expression", () => {
    const text = "jobs:\n  test:\n    strategy:\n      matrix: ${{ fromJSON(needs.a.outputs.m) }}\n";
    expect(message(() => select(text))).toMatch(/^ci\.yml:4:15: no job's matrix visibly uses base_image, and job "test" cannot be checked/);
  });
});

describe("matrix shapes GitHub rejects", () => {
  const cases: [string, string][] = [
    ["[a, b]", 'strategy.matrix of job "test" must be a mapping'],
    ["base_image: a", 'matrix dimension "base_image" must be a list of values'],
    ["base_image: []", 'matrix dimension "base_image" has no values'],
    ["base_image: [a]\nexclude:\n  - arch: x", 'exclude key "arch" is not a matrix dimension (dimensions: base_image); GitHub rejects such an exclude'],
    ["base_image: [a]\ninclude:\n  - a", "matrix include entry must be a mapping"],
    ["base_image: [a]\ninclude:\n  - {}", "matrix include entry has no keys"],
    ["base_image: [a]\nexclude: {base_image: a}", "matrix exclude must be a list of mappings"],
    ["base_image: [a]\nBase_Image: [b]", 'key "Base_Image" repeats the key at line 7, column 9; GitHub compares matrix keys ignoring case'],
    ["base_image: [a]\n? [x]\n: [b]", "matrix key is a collection; use a string"],
    ["base_image: [a]\n1: [b]\n'1': [c]", 'key "1" repeats the key at line 8, column 9; GitHub compares matrix keys ignoring case'],
    ["include: []", 'strategy.matrix of job "test" defines no dimension and no include entry'],
  ];
  for (const [block, detail] of cases) {
    it(`rejects ${JSON.stringify(block)}`, () => {
      expect(message(() => select(workflowWithMatrix(block), "test"))).toMatch(new RegExp(`^ci\\.yml:\\d+:\\d+: ${escape(detail)}$`));
    });
  }
});

describe("mapping keys GitHub converts to strings", () => {
  it("reads unquoted numbers, booleans and null as string keys, in dimensions, values and entries", () => {
    const matrix = matrixOf("base_image: [a]\n2: [{4: x, true: y, ~: z}]\ninclude:\n  - 1.5: w");
    expect(expandMatrix(matrix).jobs.map((j) => j.values)).toEqual([
      { base_image: "a", 2: { 4: "x", true: "y", "": "z" }, "1.5": "w" },
    ]);
    expect(matrix.dimensions.map((d) => d.key)).toEqual(["base_image", "2"]);
  });
});

describe("job selection", () => {
  it("exports the keys kairos-init uses as defaults", () => {
    expect(DEFAULT_IMAGE_KEY).toBe("base_image");
    expect(DEFAULT_PLATFORM_KEY).toBe("platform");
  });

  it("finds the job whose include entries, not dimensions, use the image key", () => {
    const text = "jobs:\n  lint:\n    strategy:\n      matrix:\n        go: [1.24]\n  images:\n    strategy:\n      matrix:\n        include:\n          - base_image: alpine\n";
    expect(select(text).id).toBe("images");
  });

  it("names every job when several matrices use the image key", () => {
    const text = "jobs:\n  a:\n    strategy:\n      matrix:\n        base_image: [x]\n  b:\n    strategy:\n      matrix:\n        include:\n          - base_image: y\n";
    expect(message(() => select(text))).toBe(
      "ci.yml:1:1: several jobs' matrices use base_image: a (ci.yml:2:3), b (ci.yml:6:3); configure which job to read",
    );
  });

  it("honours another image key, such as the monorepo's", () => {
    const text = "jobs:\n  build:\n    strategy:\n      matrix:\n        arch: [amd64]\n        flavor: [ubuntu]\n";
    const workflow = readWorkflow(text, "ci.yml");
    expect(selectMatrixJob(workflow, { imageKey: "flavor" }).id).toBe("build");
    expect(message(() => selectMatrixJob(workflow, { imageKey: "base_image" }))).toBe(
      "ci.yml:1:1: no job's matrix uses base_image (matrix jobs: build [arch, flavor])",
    );
  });

  it("is not broken by another job's unreadable matrix", () => {
    const text = "jobs:\n  dynamic:\n    strategy:\n      matrix: ${{ fromJSON(needs.x.outputs.m) }}\n  images:\n    strategy:\n      matrix:\n        base_image: [a]\n";
    expect(select(text).id).toBe("images");
  });

  it("reads kairos-init's last workflow", () => {
    const text = readFixture("kairos-init", "test.yml", "2026-07-13-4a52b87.yml");
    expect(select(text).matrix.dimensions.map((d) => d.key)).toEqual(["platform", "base_image"]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
