// A pull request's preview runs in a worker thread: same content as on the main thread, and a budget that ends it.
import { describe, expect, it } from "vitest";
import { toSource } from "../../src/config/index.js";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { computePreview, type PreviewInput } from "../../src/sync/preview-computation.js";
import { computePreviewOffThread } from "../../src/sync/preview-off-thread.js";
import { snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import { readFixture } from "../fixtures.js";

const WORKFLOW = ".github/workflows/test.yml";
const source = toSource({ repository: "kairos-io/kairos-init", workflow: WORKFLOW });

async function input(headText: string): Promise<PreviewInput> {
  const base = snapshotOfSource(source, "a".repeat(40), readFixture("kairos-init", "test.yml", "2026-06-23-843d622.yml"));
  const head = snapshotOfSource(source, "b".repeat(40), headText);
  return {
    impact: {
      sources: [{ base, head, changed: true }],
      page: { file: "docs/reference/image_matrix.md", text: readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md") },
      template: await loadDefaultTemplate("testedMatrix"),
      serverUrl: "https://github.com",
    },
    context: { docsRepository: "kairos-io/kairos-docs", pageUrl: "https://github.com/kairos-io/kairos-docs/blob/main/docs/reference/image_matrix.md", baseRef: "main", conclusionOnCoverageLoss: "neutral" },
  };
}

describe("the preview in a worker thread", () => {
  it("posts exactly what the main thread would compute", async () => {
    const preview = await input(readFixture("kairos-init", "test.yml", "2026-07-07-63225cb.yml"));
    const content = await computePreviewOffThread(preview);
    expect(content).toEqual(computePreview(preview));
    expect(content.annotations.length).toBeGreaterThan(0);
  });

  it("reports a preview past its time budget as too large to preview, neutral", async () => {
    const content = await computePreviewOffThread(await input(readFixture("kairos-init", "test.yml", "2026-07-07-63225cb.yml")), { timeMs: 1, memoryMb: 96 });
    expect(content).toMatchObject({ conclusion: "neutral", title: "Too large to preview", annotations: [] });
    expect(content.summary).toContain("after 1 ms of work: its workflow is too large to preview");
  });

  it("reports a preview past its memory budget as too large to preview, and the process lives on", async () => {
    // A 2 MB heap does not even hold the preview's modules: the worker runs out of memory, not the process.
    const content = await computePreviewOffThread(await input(readFixture("kairos-init", "test.yml", "2026-07-07-63225cb.yml")), { timeMs: 60_000, memoryMb: 2 });
    expect(content).toMatchObject({ conclusion: "neutral", title: "Too large to preview" });
    expect(content.summary).toContain("after 2 MB of memory");
  });
});
