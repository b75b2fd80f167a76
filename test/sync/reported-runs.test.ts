// A matrix only a running workflow knows: reported as not statically known, or read from the job names a run reports when `job_names` describes them.
import { describe, expect, it } from "vitest";
import { toSource } from "../../src/config/index.js";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { desiredPage } from "../../src/sync/desired-page.js";
import { expandSource, snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import type { RunEvidence } from "../../src/support-matrix/run-evidence.js";
import { parseJobNamePattern, readJobName } from "../../src/workflow/job-name-pattern.js";
import { readFixture } from "../fixtures.js";

const DYNAMIC = `on: push
jobs:
  matrix:
    runs-on: ubuntu-latest
    outputs:
      matrix: \${{ steps.set.outputs.matrix }}
    steps:
      - id: set
        run: ./print-matrix
  build:
    needs: matrix
    strategy:
      matrix: \${{ fromJson(needs.matrix.outputs.matrix) }}
    runs-on: ubuntu-latest
    steps:
      - run: make
`;
const WORKFLOW = ".github/workflows/dynamic.yml";

describe("job name patterns", () => {
  it("read each {key} from the name, or from the caller's segments of a reusable call", () => {
    const pattern = parseJobNamePattern("build ({base_image}, {arch})")!;
    expect(readJobName(pattern, "build (ubuntu:24.04, amd64)")).toEqual({ matched: "build (ubuntu:24.04, amd64)", values: { base_image: "ubuntu:24.04", arch: "amd64" } });
    expect(readJobName(pattern, "build (ubuntu:24.04, amd64) / iso / grype")?.matched).toBe("build (ubuntu:24.04, amd64)");
    expect(readJobName(pattern, "lint")).toBeNull();
    expect(readJobName(pattern, "build (ubuntu:24.04)")).toBeNull();
    expect(parseJobNamePattern("build")).toBeNull();
  });
});

describe("a fromJson matrix", () => {
  it("without job_names is reported as not statically known where it is written, with the way out", () => {
    const source = toSource({ repository: "kairos-io/kairos", workflow: ".github/workflows/_build-kairos.yaml", jobs: ["build"] });
    // Run on push too: a workflow_call-only file GitHub never runs by itself, and is not expanded at all.
    const text = readFixture("kairos", "workflows", "_build-kairos.yaml").replace("on:\n  workflow_call:\n", "on:\n  push:\n  workflow_call:\n");
    expect(() => expandSource(snapshotOfSource(source, "0".repeat(40), text))).toThrow(
      /_build-kairos\.yaml:52:\d+: strategy\.matrix of job "build" is not statically known.*set job_names\.build/,
    );
  });

  it("with job_names shows the cells of the job names the newest run reports, and their results", async () => {
    const source = toSource({ repository: "o/ci", workflow: WORKFLOW, jobs: ["build"], job_names: { build: "build ({base_image}, {arch})" } });
    const snapshot = snapshotOfSource(source, "0".repeat(40), DYNAMIC);
    expect(expandSource(snapshot).jobs[0]?.runs).toEqual([]);
    let job = 1;
    const run = (id: number, arm: string): RunEvidence => ({
      id,
      number: id,
      attempt: 1,
      url: `https://github.com/o/ci/actions/runs/${id}`,
      headSha: "a".repeat(40),
      event: "push",
      conclusion: "failure",
      createdAt: "",
      jobs: [
        { name: "matrix", conclusion: "success", url: `https://github.com/o/ci/actions/runs/${id}/job/${job++}` },
        { name: "build (ubuntu:24.04, amd64)", conclusion: "success", url: `https://github.com/o/ci/actions/runs/${id}/job/${job++}` },
        { name: "build (ubuntu:24.04, arm64)", conclusion: arm, url: `https://github.com/o/ci/actions/runs/${id}/job/${job++}` },
        { name: "build (alpine:3.20, amd64)", conclusion: "success", url: `https://github.com/o/ci/actions/runs/${id}/job/${job++}` },
      ],
    });
    const page = desiredPage({
      page: { file: "p.md", text: "<!-- support-matrix-bot:tested-matrix:begin -->\n<!-- support-matrix-bot:tested-matrix:end -->\n" },
      serverUrl: "https://github.com",
      testedMatrix: {
        sources: [snapshot],
        template: await loadDefaultTemplate("testedMatrix"),
        results: { runs: [{ repository: "o/ci", workflow: WORKFLOW, branch: "main", runs: [run(2, "failure"), run(1, "failure")] }], failingAfter: 2 },
      },
    });
    expect(page.testedImages?.map((i) => [i.reference, i.platforms.map((p) => p.platform)])).toEqual([
      ["alpine:3.20", ["amd64"]],
      ["ubuntu:24.04", ["amd64", "arm64"]],
    ]);
    expect(page.text).toMatch(/\| `ubuntu:24\.04` \| generic · passed \| generic · failed \[generic\]\(https:\/\/github\.com\/o\/ci\/actions\/runs\/2\/job\/\d+\) \|/);
    expect(page.sourceResults[0]?.results.unmatched).toEqual([]);
  });
});
