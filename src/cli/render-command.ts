// `render`: the docs page updated from a workflow file; `--write` saves it, `--check` fails with a diff when stale.
import { parseArgs } from "node:util";
import { loadDefaultTemplate } from "../docs-page/default-templates.js";
import type { TemplateSource } from "../docs-page/template-source.js";
import { defaultConfig, toSource } from "../config/index.js";
import { desiredPage } from "../sync/desired-page.js";
import { snapshotOfSource } from "../sync/workflow-snapshot.js";
import { readWorkflow } from "../workflow/read-workflow.js";
import { readInputFile, writeOutputFile } from "./cli-files.js";
import { checkoutOriginOf, lastCommitOf } from "./git-checkout.js";
import { sameRepository } from "../github/repository.js";
import { pageDiff } from "../docs-page/page-diff.js";
import { UsageError } from "./usage-error.js";
import { GITHUB_SERVER_URL } from "../web-links.js";
import { parseRepositoryName } from "../repository-name.js";
import { jobPatterns } from "./job-option.js";

/** The bot's built-in source (kairos-io/kairos master.yaml): what `render` reads when no option says otherwise. */
const DEFAULT_SOURCE = defaultConfig.sources[0]!;

export const RENDER_USAGE =
  "support-matrix-bot render --workflow <master.yaml> --docs <image_matrix.md> [--write | --check] " +
  `[--repository ${DEFAULT_SOURCE.repository}] [--path ${DEFAULT_SOURCE.workflow}] [--commit SHA] ` +
  "[--job ID|PATTERN[,...]] [--image-key KEY] [--platform-key KEY] [--template tested-matrix.md.hbs] [--server-url https://github.com]";

export const RENDER_HELP = [
  `Defaults are the bot's built-in source: --repository ${DEFAULT_SOURCE.repository}, --path ${DEFAULT_SOURCE.workflow}.`,
  "Without --job: every job whose matrix or with: names an image key, as `matrix` picks them (master.yaml's",
  `${DEFAULT_SOURCE.jobs.join(", ")}). For kairos-init's archived test.yml pass --repository kairos-io/kairos-init`,
  "--path .github/workflows/test.yml. Without --commit, the commit comes from git, only in a clone of --repository.",
].join("\n");

const FULL_SHA = /^[0-9a-f]{40}$/;

/** Where the commit must come from: the source repository on the server the page links to. */
interface SourceRepository {
  readonly repository: string;
  readonly serverUrl: string;
}

/**
 * The footer links the exact commit of the source repository. Git can tell it only when the workflow's
 * checkout is a clone of that repository (its `origin`); any other checkout (this project's own, with
 * `snapshot/`) has commits the source repository does not, so the user must say which one with --commit.
 */
async function commitOf(workflowFile: string, given: string | undefined, source: SourceRepository): Promise<string> {
  if (given !== undefined) {
    if (!FULL_SHA.test(given)) throw new UsageError(`--commit must be a full 40-character commit SHA, got "${given}"`);
    return given;
  }
  const sha = await lastCommitOf(workflowFile);
  if (sha === null || !FULL_SHA.test(sha)) {
    throw new UsageError(`${workflowFile}: not committed in a git checkout; pass --commit SHA (the ${source.repository} commit the workflow was read at)`);
  }
  const origin = await checkoutOriginOf(workflowFile);
  const host = new URL(source.serverUrl).hostname.toLowerCase();
  if (origin === null || !sameRepository(origin.repository, source.repository) || origin.host !== host) {
    const found = origin === null ? "it has no GitHub origin" : `its origin is ${origin.host}/${origin.repository}`;
    throw new UsageError(
      `${workflowFile}: its checkout is no clone of ${host}/${source.repository} (--repository, --server-url): ${found}, ` +
        `so its commits are not ${source.repository}'s; pass --commit SHA (the ${source.repository} commit the workflow was read at)`,
    );
  }
  return sha;
}

/** `owner/name` as GitHub would accept it, so a typo stops here instead of in a link that leads nowhere. */
function repositoryOption(text: string): string {
  if (parseRepositoryName(text) === null) {
    throw new UsageError(`--repository must be a GitHub repository "owner/name" such as ${DEFAULT_SOURCE.repository}, got "${text}"`);
  }
  return text;
}

/** Links go to this web server: github.com, or a GitHub Enterprise Server (`https://ghe.example.com`). */
function serverUrlOption(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--server-url must be a URL such as https://github.com, got "${text}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UsageError(`--server-url must be an http(s) URL, got "${text}"`);
  }
  return text.replace(/\/+$/, "");
}

async function templateOf(path: string | undefined): Promise<TemplateSource> {
  return path === undefined ? loadDefaultTemplate("testedMatrix") : { file: path, text: await readInputFile(path) };
}

export async function renderCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workflow: { type: "string" },
      docs: { type: "string" },
      write: { type: "boolean" },
      check: { type: "boolean" },
      repository: { type: "string", default: DEFAULT_SOURCE.repository },
      path: { type: "string", default: DEFAULT_SOURCE.workflow },
      commit: { type: "string" },
      job: { type: "string" },
      "image-key": { type: "string" },
      "platform-key": { type: "string" },
      template: { type: "string" },
      "server-url": { type: "string", default: GITHUB_SERVER_URL },
    },
  });
  if (!values.workflow || !values.docs) throw new UsageError(`usage: ${RENDER_USAGE}`);
  if (values.write && values.check) throw new UsageError("--write and --check cannot be used together");
  const repository = repositoryOption(values.repository);
  const [workflowText, pageText, template] = await Promise.all([
    readInputFile(values.workflow),
    readInputFile(values.docs),
    templateOf(values.template),
  ]);
  const serverUrl = serverUrlOption(values["server-url"]);
  const sha = await commitOf(values.workflow, values.commit, { repository, serverUrl });
  const fields = {
    repository,
    workflow: values.path,
    ...(values["image-key"] === undefined ? {} : { image_key: values["image-key"] }),
    ...(values["platform-key"] === undefined ? {} : { platform_key: values["platform-key"] }),
  };
  const roles = toSource(fields, defaultConfig.roles, defaultConfig.labels).roles;
  const jobs = jobPatterns(readWorkflow(workflowText, values.path), values.job, roles.image);
  const page = desiredPage({
    page: { file: values.docs, text: pageText },
    serverUrl,
    testedMatrix: {
      template,
      // Errors point at the workflow's path in the source repository, as the bot reports them.
      sources: [snapshotOfSource(toSource({ ...fields, jobs }, defaultConfig.roles, defaultConfig.labels), sha, workflowText)],
    },
  });
  return finish(values, pageText, page.text, out);
}

async function finish(
  values: { docs?: string; write?: boolean; check?: boolean },
  before: string,
  after: string,
  out: (text: string) => void,
): Promise<number> {
  const docs = values.docs ?? "";
  if (values.check) {
    if (before === after) return 0;
    out(pageDiff(docs, before, after));
    return 1;
  }
  if (values.write) {
    if (before !== after) await writeOutputFile(docs, after);
    return 0;
  }
  out(after);
  return 0;
}
