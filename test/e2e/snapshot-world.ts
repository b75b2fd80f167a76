// A simulated kairos-io seeded from the bundled snapshot/ (no shared fixtures needed): for the demo and the bench.
import { loadSnapshot, type Snapshot } from "../../src/cli/preview-command.js";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { toSource } from "../../src/config/index.js";
import { desiredPage } from "../../src/sync/desired-page.js";
import { snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import type { GitHubSimulator } from "../github-simulator/index.js";

export interface SnapshotWorld {
  readonly snapshot: Snapshot;
  /** The workflow's commit in the simulated kairos-init. */
  readonly workflowSha: string;
}

/**
 * kairos-init at the snapshot's test.yml, and kairos-docs with the page as it is once the bot's first
 * pull request (the table replacing the link) was merged: later changes then show as single rows.
 */
export async function seedSnapshotWorld(sim: GitHubSimulator): Promise<SnapshotWorld> {
  const snapshot = await loadSnapshot();
  const { workflow, page } = snapshot;
  const [owner = "kairos-io", initName = "kairos-init"] = workflow.repository.split("/");
  const docsName = page.repository.split("/")[1] ?? "kairos-docs";
  sim.createRepo({ owner, name: initName, files: { [workflow.path]: workflow.text } });
  // The simulated repository has its own commit ids: the adopted page must name the simulated one.
  const workflowSha = sim.state.ref(workflow.repository, "heads/main") ?? workflow.sha;
  const adopted = desiredPage({
    page: { file: page.path, text: page.text },
    // The simulated server's links, as the bot running against it writes them.
    serverUrl: sim.url,
    testedMatrix: {
      template: await loadDefaultTemplate("testedMatrix"),
      sources: [
        snapshotOfSource(toSource({ repository: workflow.repository, workflow: workflow.path }), workflowSha, workflow.text),
      ],
    },
  });
  // The snapshot is kairos-init's test.yml, no longer the default source: the docs repository says so.
  const config = `sources:\n  - repository: ${workflow.repository}\n    workflow: ${workflow.path}\n`;
  sim.createRepo({ owner, name: docsName, files: { [page.path]: adopted.text, ".github/support-matrix-bot.yml": config } });
  return { snapshot, workflowSha };
}

/** kairos-init's test.yml with one more Fedora release in its base_image list. */
export function withAddedImage(workflowText: string, image: string): string {
  return workflowText.replace('         - "fedora:43"\n', `         - "fedora:43"\n         - "${image}"\n`);
}
