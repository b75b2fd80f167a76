// A simulated kairos-io seeded from the bundled snapshot/ (no shared fixtures needed): for the demo, the bench and e2e tests.
import { loadSnapshot, snapshotSource, type Snapshot } from "../../src/cli/preview-command.js";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { desiredPage } from "../../src/sync/desired-page.js";
import { snapshotOfSource } from "../../src/sync/workflow-snapshot.js";
import type { GitHubSimulator } from "../github-simulator/index.js";

export interface SnapshotWorld {
  readonly snapshot: Snapshot;
  /** The workflow's commit in the simulated kairos-io/kairos. */
  readonly workflowSha: string;
}

/**
 * kairos-io/kairos (default branch `master`) at the snapshot's master.yaml, and kairos-docs with no
 * configuration file and the page as it is once the bot's first pull request (the table replacing the
 * link) was merged: later changes then show as single rows.
 */
export async function seedSnapshotWorld(sim: GitHubSimulator): Promise<SnapshotWorld> {
  const snapshot = await loadSnapshot();
  const { workflow, page } = snapshot;
  const [owner = "kairos-io", name = "kairos"] = workflow.repository.split("/");
  const docsName = page.repository.split("/")[1] ?? "kairos-docs";
  sim.createRepo({ owner, name, defaultBranch: workflow.branch, files: { [workflow.path]: workflow.text, "README.md": `# ${name}\n` } });
  // The simulated repository has its own commit ids: the adopted page must name the simulated one.
  const workflowSha = sim.state.ref(workflow.repository, `heads/${workflow.branch}`) ?? workflow.sha;
  const adopted = desiredPage({
    page: { file: page.path, text: page.text },
    // The simulated server's links, as the bot running against it writes them.
    serverUrl: sim.url,
    testedMatrix: {
      template: await loadDefaultTemplate("testedMatrix"),
      sources: [snapshotOfSource(snapshotSource(snapshot), workflowSha, workflow.text)],
    },
  });
  sim.createRepo({ owner, name: docsName, files: { [page.path]: adopted.text } });
  return { snapshot, workflowSha };
}

/** master.yaml with one more board in `build-iso-arm`: Hadron for the Raspberry Pi 5. */
export function withAddedBoard(workflowText: string, model = "rpi5"): string {
  const rpi4 = "          - {name: 'master-arm64-rpi4', arch: 'arm64', base_image: 'ghcr.io/kairos-io/hadron:v0.5.1', model: 'rpi4', iso: false, trusted_boot: false, kubernetes_distro: ''}\n";
  if (!workflowText.includes(rpi4)) throw new Error("master.yaml no longer has the rpi4 entry the demo adds a board after");
  return workflowText.replace(rpi4, rpi4 + rpi4.replaceAll("rpi4", model));
}
