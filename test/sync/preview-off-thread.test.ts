// A pull request's preview runs in a worker thread: same content as on the main thread, and a budget that ends it.
import { describe, expect, it } from "vitest";
import { computePreview } from "../../src/sync/preview-computation.js";
import { computePreviewOffThread } from "../../src/sync/preview-off-thread.js";
import { readFixture } from "../fixtures.js";
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
    // A 2 MB heap does not even hold the preview's modules: the worker runs out of memory, not the process.
    const content = await computePreviewOffThread(await previewInput(readFixture("kairos-init", "test.yml", "2026-07-07-63225cb.yml")), { timeMs: 60_000, memoryMb: 2 });
    expect(content).toMatchObject({ conclusion: "neutral", title: "Too large to preview" });
    expect(content.summary).toContain("after 2 MB of memory");
  });
});
