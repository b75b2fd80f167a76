// The whole preview of each hostile pull-request workflow of issue #12 (what the worker runs) takes under a second of CPU.
import { describe, expect, it } from "vitest";
import { computePreview } from "../../src/sync/preview-computation.js";
import { hostileCorpus } from "../workflow/hostile-corpus.js";
import { previewInput } from "./preview-input.js";

/** Issue #12's bound, as this process's CPU time (vitest gives the file a process of its own): other processes' load does not count. */
const CPU_LIMIT_MS = 1000;

describe("the preview of a hostile workflow", () => {
  it.each(hostileCorpus().map((workflow) => [workflow.name, workflow.text]))("%s is previewed or refused in under a second of CPU", async (_, text) => {
    const input = await previewInput(text);
    const start = process.cpuUsage();
    const content = computePreview(input);
    const used = process.cpuUsage(start);
    // Refused at file:line:col, or previewed: never "Too large to preview", which only the worker's budget gives.
    expect(content.title).toMatch(/^(The workflow cannot be read|\d+ tested-job changes?; no coverage warning)$/);
    expect((used.user + used.system) / 1000).toBeLessThan(CPU_LIMIT_MS);
  });
});
