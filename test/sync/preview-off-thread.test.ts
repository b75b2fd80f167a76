// A pull request's preview runs in a worker thread: same content as on the main thread, and a budget that ends it.
import { describe, expect, it } from "vitest";
import { computePreview } from "../../src/sync/preview-computation.js";
import { computePreviewOffThread } from "../../src/sync/preview-off-thread.js";
import { readFixture } from "../fixtures.js";
import { MAX_WORKFLOW_CHARACTERS } from "../../src/workflow/workflow-document.js";
import { previewInput } from "./preview-input.js";

describe("the preview in a worker thread", () => {
  it("posts exactly what the main thread would compute", async () => {
    const preview = await previewInput(readFixture("kairos-init", "test.yml", "2026-07-07-63225cb.yml"));
    const content = await computePreviewOffThread(preview);
    expect(content).toEqual(computePreview(preview));
    expect(content.annotations.length).toBeGreaterThan(0);
  });

  it("reports a preview past its time budget as too large to preview, neutral", async () => {
    const content = await computePreviewOffThread(await previewInput(readFixture("kairos-init", "test.yml", "2026-07-07-63225cb.yml")), { timeMs: 1, memoryMb: 96 });
    expect(content).toMatchObject({ conclusion: "neutral", title: "Too large to preview", annotations: [] });
    expect(content.summary).toContain("after 1 ms of work: its workflow is too large to preview");
  });

  it("reports a preview past its memory budget as too large to preview, and the process lives on", async () => {
    // The budget must let a worker start (Node 24 dies of a fatal V8 OOM, process and all, starting a worker
    // with a 2 MB heap) and even hold a real preview, so that only the hostile file can exhaust it: parsing
    // a 1 MiB flow sequence of half a million one-letter items takes yaml more than 64 MB (measured on
    // Node 20 and 24). Without the limit the worker would answer that the workflow cannot be read.
    const budget = { timeMs: 120_000, memoryMb: 32 };
    const real = await computePreviewOffThread(await previewInput(readFixture("kairos-init", "test.yml", "2026-07-07-63225cb.yml")), budget);
    expect(real.title).not.toBe("Too large to preview");
    const items = (MAX_WORKFLOW_CHARACTERS - 100) / 2;
    const hostile = `jobs:\n  t:\n    strategy:\n      matrix:\n        base_image: [${"a,".repeat(items - 1)}a]\n`;
    expect(hostile.length).toBeLessThanOrEqual(MAX_WORKFLOW_CHARACTERS);
    const content = await computePreviewOffThread(await previewInput(hostile), budget);
    expect(content).toMatchObject({ conclusion: "neutral", title: "Too large to preview" });
    expect(content.summary).toContain("after 32 MB of memory");
  });
});
