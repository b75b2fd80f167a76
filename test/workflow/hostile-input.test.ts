// Broken and hostile workflows fail fast, with one located, plain message, and never hang or exhaust memory.
import { describe, expect, it } from "vitest";
import { selectMatrixJob } from "../../src/workflow/job-selection.js";
import { expandMatrix } from "../../src/workflow/matrix-expansion.js";
import { readWorkflow } from "../../src/workflow/read-workflow.js";
import { WorkflowError } from "../../src/workflow/workflow-error.js";
import { toSource } from "../../src/config/index.js";
import { expandSource, snapshotOfSource, type WorkflowSnapshot } from "../../src/sync/workflow-snapshot.js";
import type { MatrixDefinition, MatrixEntry, MatrixValue } from "../../src/workflow/matrix-types.js";
import { bigMapping, cpuTimed, digitRunExclude, HOSTILE_CPU_LIMIT_MS, wideInclude } from "./hostile-corpus.js";
import { matrixOf, workflowWithMatrix } from "./workflow-text.js";

function failure(action: () => unknown): WorkflowError {
  try {
    action();
  } catch (error) {
    if (error instanceof WorkflowError) return error;
    throw error;
  }
  throw new Error("expected a WorkflowError");
}

function dimensions(count: number, size: number): string {
  return Array.from({ length: count }, (_, d) => `d${d}: [${Array.from({ length: size }, (_, v) => v).join(", ")}]`).join("\n");
}

describe("YAML problems", () => {
  it("reports a syntax error where yaml found it", () => {
    const text = "on: push\njobs:\n  test:\n    strategy:\n      matrix:\n        os: [linux, windows\n    steps: []\n";
    expect(failure(() => readWorkflow(text, "ci.yml")).message).toBe(
      "ci.yml:7:5: Flow sequence in block collection must be sufficiently indented and end with a ]",
    );
  });

  it("reports tabs used as indentation", () => {
    expect(failure(() => readWorkflow("on: push\njobs:\n\ttest: {}\n", "ci.yml")).message).toBe(
      "ci.yml:3:1: Tabs are not allowed as indentation",
    );
  });

  it("names a duplicate key at its second occurrence", () => {
    const text = workflowWithMatrix("base_image: [a]\nbase_image: [b]");
    expect(failure(() => readWorkflow(text, "ci.yml")).message).toBe(
      'ci.yml:8:9: duplicate key "base_image": YAML mapping keys must be unique',
    );
  });

  it("refuses a billion-laughs document quickly, pointing at the alias that explodes", () => {
    let text = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(",")}]\n`;
    text += "jobs:\n  test:\n    strategy:\n      matrix:\n        base_image: *a9\n";
    const { result: error, cpuMs } = cpuTimed(() => failure(() => readWorkflow(text, "bomb.yml")));
    expect(cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(error.message).toMatch(/^bomb\.yml:15:21: YAML aliases expand this document to \d+ nodes, more than the 100000 allowed/);
    expect(error.message).toContain('refusing a resource-exhaustion ("billion laughs") document');
  });

  it("refuses an alias that refers to itself, and an alias with no anchor", () => {
    expect(failure(() => readWorkflow("x: &a [*a]\njobs:\n  t: {}\n", "ci.yml")).message).toBe(
      "ci.yml:1:8: YAML alias *a refers to itself",
    );
    expect(failure(() => readWorkflow("x: *nope\njobs:\n  t: {}\n", "ci.yml")).message).toBe(
      "ci.yml:1:4: unknown YAML alias *nope",
    );
  });

  it("reads ordinary anchors and aliases in a matrix", () => {
    const text = "images: &images [a, b]\njobs:\n  test:\n    strategy:\n      matrix:\n        base_image: *images\n";
    const job = selectMatrixJob(readWorkflow(text, "ci.yml"), { imageKey: "base_image" });
    expect(expandMatrix(job.matrix).jobs.map((j) => j.values)).toEqual([{ base_image: "a" }, { base_image: "b" }]);
  });

  it("refuses nesting deeper than GitHub's 50 levels, at the first collection too deep, and reads 50", () => {
    const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
    // jobs, test, strategy, matrix and the document itself are five levels; the dimension's list is the sixth.
    const text = (levels: number) => `jobs:\n  test:\n    strategy:\n      matrix:\n        base_image: ${nested(levels)}\n`;
    expect(failure(() => readWorkflow(text(46), "deep.yml")).message).toBe(
      'deep.yml:5:66: mappings and sequences nest deeper than 50 levels here; GitHub refuses such a workflow ("Maximum object depth exceeded")',
    );
    expect(readWorkflow(text(45), "deep.yml").matrixJobs).toHaveLength(1);
  });

  it("turns absurd nesting into an error instead of a crash", () => {
    const text = `jobs:\n  test:\n    strategy:\n      matrix:\n        base_image: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
    const { result: error, cpuMs } = cpuTimed(() => failure(() => readWorkflow(text, "deep.yml")));
    expect(cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(error.message).toMatch(/^deep\.yml:\d+:\d+: /);
  });

  it("says when there is no jobs mapping", () => {
    expect(failure(() => readWorkflow("", "ci.yml")).message).toBe("ci.yml:1:1: workflow has no `jobs` mapping");
    expect(failure(() => readWorkflow("on: push\njobs: 3\n", "ci.yml")).message).toBe(
      "ci.yml:2:7: workflow has no `jobs` mapping",
    );
  });
});

describe("matrix size limits", () => {
  it("rejects 10,000 combinations with GitHub's 256-job limit, at the matrix key", () => {
    const { result: error, cpuMs } = cpuTimed(() => failure(() => expandMatrix(matrixOf(dimensions(2, 100), "big.yml"))));
    expect(cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(error.message).toBe(
      'big.yml:6:7: strategy.matrix of job "test" expands to more than 256 jobs (its cross product has 10000 combinations); GitHub runs at most 256 jobs per matrix',
    );
  });

  it("rejects 10^12 combinations just as fast, without building them", () => {
    const { result: error, cpuMs } = cpuTimed(() => failure(() => expandMatrix(matrixOf(dimensions(12, 10), "huge.yml"))));
    expect(cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(error.detail).toBe(
      'strategy.matrix of job "test" expands to more than 256 jobs (its cross product has 1000000000000 combinations); GitHub runs at most 256 jobs per matrix',
    );
  });

  it("counts the jobs include entries create", () => {
    const include = Array.from({ length: 300 }, (_, i) => `  - d0: b${i}`).join("\n");
    expect(failure(() => expandMatrix(matrixOf(`d0: [a]\ninclude:\n${include}`))).detail).toBe(
      'strategy.matrix of job "test" expands to 301 jobs; GitHub runs at most 256 jobs per matrix',
    );
  });

  it("stops walking a product that excludes shrink but that is too large to walk", () => {
    // An empty mapping filter matches everything (GitHub's filter has no leaf to test), so nothing survives.
    const { result: error, cpuMs } = cpuTimed(() =>
      failure(() => expandMatrix(matrixOf(`${dimensions(2, 400)}\nexclude:\n  - d0: {}`))),
    );
    expect(cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(error.detail).toBe(
      'strategy.matrix of job "test" has a cross product of 160000 combinations; this tool walks at most 100000 of them to apply exclude (GitHub runs at most 256 jobs per matrix)',
    );
  });

  it("stops when thousands of exclude entries would have to be checked against a large product", () => {
    const exclude = Array.from({ length: 399 }, (_, i) => `  - d1: ${i + 1}`).join("\n");
    const { result: error, cpuMs } = cpuTimed(() => failure(() => expandMatrix(matrixOf(`${dimensions(2, 400)}\nexclude:\n${exclude}`))));
    expect(cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(error.detail).toMatch(/^strategy\.matrix of job "test" is too large to expand: its 160000 combinations and 399 include\/exclude entries need more than 2000000 comparisons$/);
  });
});

describe("an oversized file", () => {
  it("is refused before parsing, with its size", () => {
    const huge = `jobs:\n  t:\n    strategy:\n      matrix:\n        base_image: [a]\n#${"x".repeat(1_100_000)}\n`;
    const { cpuMs } = cpuTimed(() =>
      expect(() => readWorkflow(huge, "huge.yml")).toThrow(/^huge\.yml:1:1: workflow is \d+ characters long; more than 1048576/),
    );
    expect(cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
  });
});

const at = { file: "hand-built.yml", line: 1, col: 1 };

/** A matrix built without the reader, so the expander's own cost shows past the reader's limits. */
function handBuiltMatrix(images: MatrixValue[], entries: { list: "include" | "exclude"; pairs: [string, MatrixValue][] }[]): MatrixDefinition {
  const entry = (list: "include" | "exclude", pairs: [string, MatrixValue][], index: number): MatrixEntry => ({
    list,
    index,
    location: at,
    pairs: pairs.map(([key, value]) => ({ key, keyLocation: at, value, valueLocation: at })),
  });
  return {
    file: at.file,
    jobId: "test",
    location: at,
    dimensions: [{ key: "base_image", keyLocation: at, values: images.map((value) => ({ value, location: at })) }],
    include: entries.filter((e) => e.list === "include").map((e, i) => entry("include", e.pairs, i)),
    exclude: entries.filter((e) => e.list === "exclude").map((e, i) => entry("exclude", e.pairs, i)),
  };
}

describe("the hostile pull-request workflows of issue #12: each read or refused within a CPU bound", () => {
  it("refuses an include entry of 20,000 keys at the entry, and expands one in linear time", () => {
    const wide = wideInclude();
    const { result: error, cpuMs } = cpuTimed(() => failure(() => expandSource(snapshotOf(wide.text, wide.name))));
    expect(cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(error.message).toBe(
      "wide-include.yml:9:14: matrix include entry has 20000 keys; this bot reads at most 1000 keys in one mapping of a matrix",
    );
    // Past the reader: a key search per key made this 160 s.
    const keys = Array.from({ length: 20_000 }, (_, i): [string, MatrixValue] => [`k${i}`, "v"]);
    const matrix = handBuiltMatrix(["a", "b", "c", "d"], [{ list: "include", pairs: keys }]);
    const expanded = cpuTimed(() => expandMatrix(matrix));
    expect(expanded.cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(expanded.result.jobs).toHaveLength(4);
    expect(Object.keys(expanded.result.jobs[3]?.values ?? {})).toHaveLength(20_001);
  });

  it("refuses 40,000-digit image names, and compares them with a number in linear time", () => {
    const digits = digitRunExclude();
    const { result: error, cpuMs } = cpuTimed(() => failure(() => expandSource(snapshotOf(digits.text, digits.name))));
    expect(cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(error.message).toBe("digit-run.yml:7:22: matrix value is 40001 characters long; this bot reads at most 4096 (an image name is under 300)");
    const names = Array.from({ length: 8 }, (_, i) => `${"1".repeat(40_000)}${"abcdefgh"[i]}`);
    const matrix = handBuiltMatrix(names, [{ list: "exclude", pairs: [["base_image", 1]] }]);
    const expanded = cpuTimed(() => expandMatrix(matrix));
    expect(expanded.cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(expanded.result.jobs).toHaveLength(8);
  });

  it("parses a 484 KB mapping with unique-key checking, and still finds a repeated key in it", () => {
    const big = bigMapping();
    expect(big.text.length).toBeGreaterThan(480_000);
    const { result, cpuMs } = cpuTimed(() => expandSource(snapshotOf(big.text, `.github/workflows/${big.name}`)));
    expect(cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(result.combinations).toEqual([{ base_image: "alpine" }]);
    const repeated = big.text.replace("VARIABLE_24799:", "VARIABLE_00007:");
    const duplicate = cpuTimed(() => failure(() => readWorkflow(repeated, big.name)));
    expect(duplicate.cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    expect(duplicate.result.message).toBe('big-mapping.yml:24801:3: duplicate key "VARIABLE_00007": YAML mapping keys must be unique');
  });
});

function snapshotOf(text: string, path: string): WorkflowSnapshot {
  return snapshotOfSource(toSource({ repository: "fork/kairos-init", workflow: path }), "0".repeat(40), text);
}
