// `preview`: the diff the bot would propose today, computed offline from the real snapshot bundled in the package.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadDefaultTemplate, packageRoot } from "../docs-page/default-templates.js";
import { desiredPage } from "../sync/desired-page.js";
import { toSource } from "../config/index.js";
import { snapshotOfSource } from "../sync/workflow-snapshot.js";
import { pageDiff } from "../docs-page/page-diff.js";
import { UsageError } from "./usage-error.js";
import { GITHUB_SERVER_URL } from "../web-links.js";

interface SnapshotFile {
  readonly repository: string;
  readonly path: string;
  readonly sha: string;
  readonly subject: string;
  readonly file: string;
}

export interface Snapshot {
  readonly workflow: SnapshotFile & { readonly text: string };
  readonly page: SnapshotFile & { readonly text: string };
}

export const SNAPSHOT_DIR = join(packageRoot, "snapshot");

export async function loadSnapshot(): Promise<Snapshot> {
  const manifest = JSON.parse(await readFile(join(SNAPSHOT_DIR, "snapshot.json"), "utf8")) as {
    workflow: SnapshotFile;
    page: SnapshotFile;
  };
  const [workflowText, pageText] = await Promise.all([
    readFile(join(SNAPSHOT_DIR, manifest.workflow.file), "utf8"),
    readFile(join(SNAPSHOT_DIR, manifest.page.file), "utf8"),
  ]);
  return { workflow: { ...manifest.workflow, text: workflowText }, page: { ...manifest.page, text: pageText } };
}

export const PREVIEW_USAGE = "support-matrix-bot preview (no arguments: it runs on the bundled snapshot)";

export async function previewCommand(args: string[], out: (text: string) => void): Promise<number> {
  if (args.length > 0) throw new UsageError(`usage: ${PREVIEW_USAGE}`);
  const snapshot = await loadSnapshot();
  const { workflow, page } = snapshot;
  const result = desiredPage({
    page: { file: page.path, text: page.text },
    // The bundled snapshot is kairos-init on github.com.
    serverUrl: GITHUB_SERVER_URL,
    testedMatrix: {
      template: await loadDefaultTemplate("testedMatrix"),
      sources: [
        snapshotOfSource(toSource({ repository: workflow.repository, workflow: workflow.path }), workflow.sha, workflow.text),
      ],
    },
  });
  out(
    `# support-matrix-bot preview (offline, bundled snapshot)\n` +
      `# matrix: ${workflow.repository} ${workflow.path} @ ${workflow.sha.slice(0, 7)} "${workflow.subject}"\n` +
      `# page:   ${page.repository} ${page.path} @ ${page.sha.slice(0, 7)} "${page.subject}"\n` +
      `# ${result.testedImages?.length ?? 0} tested images; the pull request the bot would open changes:\n\n`,
  );
  out(pageDiff(page.path, page.text, result.text));
  return 0;
}
