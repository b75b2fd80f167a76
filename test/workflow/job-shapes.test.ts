// Jobs of any shape become runs: a matrix job's combinations, a reusable-workflow call's `with:` inputs evaluated per combination.
import { describe, expect, it } from "vitest";
import { DEFAULT_ROLES, isPlacingRole, roleOf } from "../../src/support-matrix/roles.js";
import { evaluateValue } from "../../src/workflow/expression-value.js";
import { runsOf, shapeOf } from "../../src/workflow/job-shapes/index.js";
import { readWorkflow } from "../../src/workflow/read-workflow.js";
import { formatLocation } from "../../src/located-error.js";

const wanted = (key: string) => isPlacingRole(roleOf(DEFAULT_ROLES, key));

function runs(text: string, jobId: string) {
  const workflow = readWorkflow(text, "w.yml");
  const job = workflow.jobs.find((j) => j.id === jobId);
  if (!job) throw new Error(`no job ${jobId}`);
  return { shape: shapeOf(job).name, runs: runsOf(job, { wanted, inputDefaults: workflow.inputDefaults }) };
}

const CALLER = `
on: push
jobs:
  build:
    strategy:
      matrix:
        include:
          - {arch: amd64, model: generic, name: a}
          - {arch: arm64, model: rpi4, name: b, registry_domain: quay.io}
    uses: ./.github/workflows/_build.yaml
    with:
      base_image: \${{ format('ghcr.io/kairos-io/hadron:{0}', 'v0.5.1') }}
      arch: \${{ matrix.arch }}
      model: \${{ matrix.model }}
      trusted_boot: \${{ startsWith(matrix.model, 'nvidia') && 'true' || 'false' }}
      registry_domain: \${{ needs.setup.outputs.registry }}
      raw: \${{ matrix.model == 'rpi3' || matrix.model == 'rpi4' }}
`;

describe("a reusable-workflow call", () => {
  it("evaluates each wanted `with:` input per combination with GitHub's expression rules", () => {
    const { shape, runs: result } = runs(CALLER, "build");
    expect(shape).toBe("reusable-workflow call");
    expect(result.map((r) => r.values)).toEqual([
      { arch: "amd64", model: "generic", name: "a", base_image: "ghcr.io/kairos-io/hadron:v0.5.1", trusted_boot: "false" },
      { arch: "arm64", model: "rpi4", name: "b", base_image: "ghcr.io/kairos-io/hadron:v0.5.1", trusted_boot: "false" },
    ]);
    // Ignored inputs are not evaluated, so a runtime-only registry is no error; their keys are still located.
    expect(formatLocation(result[0]!.keys.get("registry_domain")!)).toBe("w.yml:16:7");
  });

  it("a wanted input that needs a running workflow is not statically known, at its file:line:col", () => {
    const text = CALLER.replace("arch: ${{ matrix.arch }}", "arch: ${{ needs.setup.outputs.arch }}");
    expect(() => runs(text, "build")).toThrow(
      'w.yml:13:13: with.arch of job "build" is not statically known: needs.setup is only known while the workflow runs; the bot does not guess it',
    );
  });

  it("inputs of a called workflow are known only when they have a default", () => {
    const text = `
on:
  workflow_call:
    inputs:
      arch: {type: string, default: amd64}
      base_image: {type: string, required: true}
jobs:
  nested:
    uses: ./other.yaml
    with:
      arch: \${{ inputs.arch }}
      base_image: \${{ inputs.base_image }}
`;
    expect(() => runs(text, "nested")).toThrow(/w\.yml:12:19: with\.base_image .* inputs\.base_image is only known while the workflow runs/);
    expect(runs(text.replace("      base_image: ${{ inputs.base_image }}\n", ""), "nested").runs[0]?.values).toEqual({ arch: "amd64" });
  });
});

describe("a matrix job", () => {
  it("runs once per combination with its matrix values", () => {
    const text = "jobs:\n  t:\n    runs-on: x\n    strategy:\n      matrix:\n        platform: [amd64, arm64]\n        base_image: [debian:13]\n    steps: []\n";
    const { shape, runs: result } = runs(text, "t");
    expect(shape).toBe("matrix job");
    expect(result.map((r) => r.values)).toEqual([
      { platform: "amd64", base_image: "debian:13" },
      { platform: "arm64", base_image: "debian:13" },
    ]);
  });
});

describe("evaluateValue", () => {
  const scope = { matrix: { model: "rpi3" }, inputs: new Map() };
  it.each([
    ["${{ matrix.model == 'RPI3' }}", true],
    ["${{ !startsWith(matrix.model, 'nvidia-jetson') }}", true],
    ["img-${{ matrix.model }}-${{ 1 }}", "img-rpi3-1"],
    ["${{ matrix.missing || 'fallback' }}", "fallback"],
    ["plain text", "plain text"],
  ])("%s → %j", (value, expected) => {
    expect(evaluateValue(value, scope)).toEqual({ known: true, value: expected });
  });

  it.each(["${{ secrets.TOKEN }}", "${{ steps.x.outputs.y }}", "${{ github.ref_name }}", "${{ fromJSON(needs.m.outputs.matrix) }}"])(
    "%s is not statically known",
    (value) => {
      expect(evaluateValue(value, scope).known).toBe(false);
    },
  );
});
