// `lint`: errors when GitHub never runs the workflow; warns when include entries silently replace tested jobs, or a change stops testing some.
import { parseArgs } from "node:util";
import { formatLocation, type SourceLocation } from "../located-error.js";
import { lintCoverage } from "../workflow/coverage-lint.js";
import { DEFAULT_IMAGE_KEY, selectMatrixJob } from "../workflow/job-selection.js";
import { neverRunsProblems } from "../workflow/never-runs.js";
import { readWorkflow, type Workflow } from "../workflow/read-workflow.js";
import type { MatrixDefinition } from "../workflow/matrix-types.js";
import { readInputFile } from "./cli-files.js";
import { checkoutPlaceOf } from "./git-checkout.js";
import { UsageError } from "./usage-error.js";

export const LINT_USAGE =
  "support-matrix-bot lint <workflow.yml> [--base <previous.yml>] [--job ID] [--image-key KEY] " +
  "[--path .github/workflows/x.yml] [--default-branch BRANCH]";

/** What `lint --help` adds under the usage line. */
export const LINT_HELP = [
  "Errors (exit 1) when GitHub would never run the workflow for a push to the default branch: it is not directly",
  "under the repository's root .github/workflows/, no trigger fires for that push (branches, branches-ignore,",
  "tags-only, paths that can match nothing, workflow_call- or workflow_dispatch-only), or the job is `if: false`.",
  "Inside a git checkout the path comes from the repository root and the default branch from origin/HEAD;",
  "--path and --default-branch give them explicitly (without them, that part of the check is skipped).",
].join("\n");

/** One line of output: an error or a warning at a place in the workflow. */
interface Finding {
  readonly level: "error" | "warning";
  readonly title: string;
  readonly location: SourceLocation;
  readonly message: string;
}

/** GitHub's workflow command syntax: `%`, CR and LF must be escaped, and `,` `:` in properties. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function annotation(finding: Finding): string {
  const { file, line, col } = finding.location;
  return `::${finding.level} file=${escapeProperty(file)},line=${line},col=${col},title=${escapeProperty(finding.title)}::${escapeData(finding.message)}`;
}

async function matrixOf(file: string, jobId: string | undefined, imageKey: string): Promise<MatrixDefinition> {
  const workflow = readWorkflow(await readInputFile(file), file);
  return selectMatrixJob(workflow, { imageKey, ...(jobId === undefined ? {} : { jobId }) }).matrix;
}

/** The explicit flags win; otherwise the checkout says what it knows. */
async function neverRunsFindings(file: string, workflow: Workflow, jobId: string, given: { path?: string; defaultBranch?: string }): Promise<Finding[]> {
  const place = given.path !== undefined && given.defaultBranch !== undefined ? null : await checkoutPlaceOf(file);
  const context = { path: given.path ?? place?.path ?? null, defaultBranch: given.defaultBranch ?? place?.defaultBranch ?? null, jobIds: [jobId] };
  return neverRunsProblems(workflow, context).map((problem) => ({
    level: "error",
    title: "support-matrix-bot never runs",
    location: problem.location,
    message: problem.detail,
  }));
}

/** Exit 0 when clean, 1 with errors or warnings, 2 (thrown) on bad input: usable as a plain workflow step. */
export async function lintCommand(
  args: string[],
  out: (text: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      base: { type: "string" },
      job: { type: "string" },
      "image-key": { type: "string" },
      path: { type: "string" },
      "default-branch": { type: "string" },
    },
  });
  const [file, extra] = positionals;
  if (!file || extra !== undefined) throw new UsageError(`usage: ${LINT_USAGE}`);
  const imageKey = values["image-key"] ?? DEFAULT_IMAGE_KEY;
  const workflow = readWorkflow(await readInputFile(file), file);
  const selected = selectMatrixJob(workflow, { imageKey, ...(values.job === undefined ? {} : { jobId: values.job }) });
  const previous = values.base === undefined ? undefined : await matrixOf(values.base, values.job, imageKey);
  const never = await neverRunsFindings(file, workflow, selected.id, {
    ...(values.path === undefined ? {} : { path: values.path }),
    ...(values["default-branch"] === undefined ? {} : { defaultBranch: values["default-branch"] }),
  });
  const coverage = lintCoverage(selected.matrix, { imageKey, ...(previous ? { previous } : {}) }).map(
    (f): Finding => ({ level: "warning", title: "support-matrix-bot coverage", location: f.location, message: f.message }),
  );
  const findings = [...never, ...coverage];
  for (const finding of findings) {
    out(`${formatLocation(finding.location)}: ${finding.level}: ${finding.message}\n`);
    if (env.GITHUB_ACTIONS === "true") out(`${annotation(finding)}\n`);
  }
  return findings.length === 0 ? 0 : 1;
}
