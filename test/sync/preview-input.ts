// A pull request's preview input built from fixtures: kairos-init's test.yml at its base, any text at its head, today's docs page.
import { toSource } from "../../src/config/index.js";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import type { PreviewInput } from "../../src/sync/preview-computation.js";
import { snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import { readFixture } from "../fixtures.js";

const WORKFLOW = ".github/workflows/test.yml";
const PAGE = "docs/reference/image_matrix.md";
const source = toSource({ repository: "kairos-io/kairos-init", workflow: WORKFLOW });

export async function previewInput(headText: string): Promise<PreviewInput> {
  const base = snapshotOfSource(source, "a".repeat(40), readFixture("kairos-init", "test.yml", "2026-06-23-843d622.yml"));
  const head = snapshotOfSource(source, "b".repeat(40), headText);
  return {
    impact: {
      sources: [{ base, head, changed: true }],
      page: { file: PAGE, text: readFixture("kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md") },
      template: await loadDefaultTemplate("testedMatrix"),
      serverUrl: "https://github.com",
    },
    context: {
      docsRepository: "kairos-io/kairos-docs",
      pageUrl: `https://github.com/kairos-io/kairos-docs/blob/main/${PAGE}`,
      baseRef: "main",
      conclusionOnCoverageLoss: "neutral",
    },
  };
}
