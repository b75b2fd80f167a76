// `preview`: the diff the bot would propose today, computed offline from the real snapshot bundled in the package.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadDefaultTemplate, packageRoot } from "../docs-page/default-templates.js";
import { desiredPage } from "../sync/desired-page.js";
import { defaultConfig, type MatrixSource } from "../config/index.js";
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
  /** `branch`: the source repository's default branch, where the workflow runs. */
  readonly workflow: SnapshotFile & { readonly branch: string; readonly text: string };
  readonly page: SnapshotFile & { readonly text: string };
}

export const SNAPSHOT_DIR = join(packageRoot, "snapshot");

export async function loadSnapshot(): Promise<Snapshot> {
  const manifest = JSON.parse(await readFile(join(SNAPSHOT_DIR, "snapshot.json"), "utf8")) as {
    workflow: SnapshotFile & { branch: string };
    page: SnapshotFile;
  };
  const [workflowText, pageText] = await Promise.all([
    readFile(join(SNAPSHOT_DIR, manifest.workflow.file), "utf8"),
    readFile(join(SNAPSHOT_DIR, manifest.page.file), "utf8"),
  ]);
  return { workflow: { ...manifest.workflow, text: workflowText }, page: { ...manifest.page, text: pageText } };
}

/** The bundled workflow is what the built-in configuration watches: its source, with the jobs that configuration reads. */
export function snapshotSource(snapshot: Snapshot): MatrixSource {
  const { repository, path } = snapshot.workflow;
  const source = defaultConfig.sources.find((s) => s.repository === repository && s.workflow === path);
  if (!source) throw new Error(`snapshot/snapshot.json: ${repository} ${path} is not a default source`);
  return source;
}

export const PREVIEW_USAGE = "support-matrix-bot preview (no arguments: it runs on the bundled snapshot)";

export async function previewCommand(args: string[], out: (text: string) => void): Promise<number> {
  if (args.length > 0) throw new UsageError(`usage: ${PREVIEW_USAGE}`);
  const snapshot = await loadSnapshot();
  const { workflow, page } = snapshot;
  const result = desiredPage({
    page: { file: page.path, text: page.text },
    // The bundled snapshot is kairos-io/kairos on github.com.
    serverUrl: GITHUB_SERVER_URL,
    testedMatrix: {
      template: await loadDefaultTemplate("testedMatrix"),
      sources: [
        snapshotOfSource(snapshotSource(snapshot), workflow.sha, workflow.text),
      ],
    },
  });
  out(
    `# support-matrix-bot preview (offline, bundled snapshot)\n` +
      `# matrix: ${workflow.repository} ${workflow.path} (jobs ${snapshotSource(snapshot).jobs.join(", ")}) on ${workflow.branch} @ ${workflow.sha.slice(0, 7)} "${workflow.subject}"\n` +
      `# page:   ${page.repository} ${page.path} @ ${page.sha.slice(0, 7)} "${page.subject}"\n` +
      `# ${result.testedImages?.length ?? 0} tested images; the pull request the bot would open changes:\n\n`,
  );
  out(pageDiff(page.path, page.text, result.text));
  return 0;
}
