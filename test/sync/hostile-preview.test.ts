// The whole preview of each hostile pull-request workflow of issue #12 (what the worker runs) stays within the hostile-input CPU bound.
import { describe, expect, it } from "vitest";
import { computePreview } from "../../src/sync/preview-computation.js";
import { cpuTimed, hostileCorpus, HOSTILE_CPU_LIMIT_MS } from "../workflow/hostile-corpus.js";
import { previewInput } from "./preview-input.js";

describe("the preview of a hostile workflow", () => {
  it.each(hostileCorpus().map((workflow) => [workflow.name, workflow.text]))("%s is previewed or refused within the CPU bound", async (_, text) => {
    const input = await previewInput(text);
    const { result: content, cpuMs } = cpuTimed(() => computePreview(input));
    // Refused at file:line:col, or previewed: never "Too large to preview", which only the worker's budget gives.
    expect(content.title).toMatch(/^(The workflow cannot be read|\d+ tested-job changes?; no coverage warning)$/);
    expect(cpuMs).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
  });
});
