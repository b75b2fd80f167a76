// Benchmark of the offline core: expand, model, render and splice every historical kairos-init test.yml.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadDefaultTemplate } from "../src/docs-page/default-templates.js";
import { toSource } from "../src/config/index.js";
import { desiredPage } from "../src/sync/desired-page.js";
import { GITHUB_SERVER_URL } from "../src/web-links.js";
import { WorkflowError } from "../src/workflow/workflow-error.js";
import { snapshotOfSource } from "../src/sync/workflow-snapshot.js";

export interface CoreFigures {
  readonly files: number;
  readonly rounds: number;
  readonly medianMsPerFile: number;
  readonly p99MsPerFile: number;
  readonly slowest: { file: string; ms: number };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Three 2025-01-20 versions test `opensuse/leap:15.6:`, which is refused: the refusal is timed like a render. */
function refuseOrRender(render: () => unknown): void {
  try {
    render();
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
  }
}

export async function benchOfflineCore(fixturesDir: string, rounds = 20): Promise<CoreFigures> {
  const dir = join(fixturesDir, "kairos-init", "test.yml");
  const page = readFileSync(join(fixturesDir, "kairos-docs", "image_matrix.md", "2026-07-09-1dca11a.md"), "utf8");
  const template = await loadDefaultTemplate("testedMatrix");
  // The three oldest files are docker.yml without a matrix: nothing to render, so they are not timed.
  const files = readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") }))
    .filter((f) => f.text.includes("base_image"));
  const timings: number[] = [];
  let slowest = { file: "", ms: 0 };
  for (let round = 0; round < rounds; round++) {
    for (const { name, text } of files) {
      const started = performance.now();
      refuseOrRender(() => desiredPage({
        page: { file: "image_matrix.md", text: page },
        serverUrl: GITHUB_SERVER_URL,
        testedMatrix: {
          template,
          sources: [
            snapshotOfSource(toSource({ repository: "kairos-io/kairos-init", workflow: name }), "0".repeat(40), text),
          ],
        },
      }));
      const ms = performance.now() - started;
      timings.push(ms);
      if (round > 0 && ms > slowest.ms) slowest = { file: name, ms };
    }
  }
  // The first round includes JIT warm-up and template compilation; report steady state.
  const steady = timings.slice(files.length).sort((a, b) => a - b);
  return {
    files: files.length,
    rounds: rounds - 1,
    medianMsPerFile: percentile(steady, 50),
    p99MsPerFile: percentile(steady, 99),
    slowest,
  };
}
