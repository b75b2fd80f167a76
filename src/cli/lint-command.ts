// `lint`: errors when GitHub never runs the workflow; warns when include entries replace or repeat tested jobs, or a change stops testing some.
import { parseArgs } from "node:util";
import { toSource } from "../config/index.js";
import { formatLocation, type SourceLocation } from "../located-error.js";
import { diffTestedImages } from "../support-matrix/matrix-diff.js";
import { DEFAULT_ROLES } from "../support-matrix/roles.js";
import { testedImagesOf } from "../sync/desired-page.js";
import { lintSource } from "../sync/source-lint.js";
import { expandSource, snapshotOfSource, type ExpandedSource } from "../sync/workflow-snapshot.js";
import { matchesNamePattern } from "../workflow/name-pattern.js";
import { neverRunsProblems } from "../workflow/never-runs.js";
import { readWorkflow, type Workflow } from "../workflow/read-workflow.js";
import { locatedValues } from "../workflow/value-location.js";
import { readInputFile } from "./cli-files.js";
import { checkoutPlaceOf } from "./git-checkout.js";
import { jobPatterns } from "./job-option.js";
import { UsageError } from "./usage-error.js";

export const LINT_USAGE =
  "support-matrix-bot lint <workflow.yml> [--base <previous.yml>] [--job ID|PATTERN[,...]] [--image-key KEY] " +
  "[--path .github/workflows/x.yml] [--default-branch BRANCH]";

/** What `lint --help` adds under the usage line. */
export const LINT_HELP = [
  "Errors (exit 1) when GitHub would never run the workflow for a push to the default branch: it is not directly",
  "under the repository's root .github/workflows/, no trigger fires for that push (branches, branches-ignore,",
  "tags-only, paths that can match nothing, workflow_call- or workflow_dispatch-only), or the job is `if: false`.",
  "Inside a git checkout the path comes from the repository root and the default branch from origin/HEAD;",
  "--path and --default-branch give them explicitly (without them, that part of the check is skipped).",
  "Without --job: every job whose matrix or with: names an image key (base_image by default), e.g. master.yaml's",
  "build-iso, build-iso-arm and qemu-tests-*; --job takes ids or `*` patterns, comma-separated. With --base, a",
  "job the previous version ran and this one does not is a warning; a release bump of an image (hadron:v0.5.0",
  "to hadron:v0.5.1) is a notice, \"Replaced … by …\", which does not change the exit code.",
].join("\n");

/** One line of output: an error, a warning or a notice at a place in the workflow. */
interface Finding {
  readonly level: "error" | "warning" | "notice";
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

/** A local file read as a source with `jobs:`. The repository is unknown and unused: the lint links nothing. */
function expandLocal(file: string, text: string, jobs: readonly string[], imageKey: string | undefined): ExpandedSource {
  const source = toSource({ repository: "", workflow: file, jobs: [...jobs], ...(imageKey === undefined ? {} : { image_key: imageKey }) });
  return expandSource({ ...snapshotOfSource(source, "", text), judgeRuns: false });
}

/** The previous version, read with the jobs it has of those the head reads: a job the head adds is no error. */
function expandBase(file: string, text: string, jobs: readonly string[], imageKey: string | undefined): ExpandedSource | null {
  if (jobs.length === 0) return expandLocal(file, text, jobs, imageKey);
  const workflow = readWorkflow(text, file);
  const present = jobs.filter((pattern) => workflow.jobs.some((job) => matchesNamePattern(pattern, job.id)));
  return present.length === 0 ? null : expandLocal(file, text, present, imageKey);
}

/** Bumps are worded as the docs pull request words them, at the first place the new release is written. */
function replacements(before: ExpandedSource, now: ExpandedSource): Finding[] {
  return diffTestedImages(testedImagesOf([before]), testedImagesOf([now])).flatMap((change) =>
    change.kind === "release-replaced"
      ? [{ level: "notice", title: "support-matrix-bot release replaced", location: whereWritten(now, change.image.reference), message: change.sentence }]
      : [],
  );
}

function whereWritten(source: ExpandedSource, reference: string): SourceLocation {
  const keys = source.snapshot.roles.image;
  for (const job of source.workflow.jobs) {
    const matrix = job.matrix?.kind === "static" ? job.matrix.matrix : null;
    const inMatrix = matrix ? keys.flatMap((key) => locatedValues(matrix, key)).find((v) => v.value === reference) : undefined;
    if (inMatrix) return inMatrix.location;
    const input = job.with.find((i) => i.value === reference && keys.some((key) => matchesNamePattern(key, i.key)));
    if (input) return input.valueLocation;
  }
  return source.workflow.jobsLocation;
}

/** The explicit flags win; otherwise the checkout says what it knows. */
async function neverRunsFindings(
  file: string,
  workflow: Workflow,
  jobIds: readonly string[],
  given: { path?: string; defaultBranch?: string },
): Promise<Finding[]> {
  const place = given.path !== undefined && given.defaultBranch !== undefined ? null : await checkoutPlaceOf(file);
  const context = { path: given.path ?? place?.path ?? null, defaultBranch: given.defaultBranch ?? place?.defaultBranch ?? null, jobIds };
  return neverRunsProblems(workflow, context).map((problem) => ({
    level: "error",
    title: "support-matrix-bot never runs",
    location: problem.location,
    message: problem.detail,
  }));
}

/** Exit 0 when clean or only notices, 1 with errors or warnings, 2 (thrown) on bad input: usable as a plain workflow step. */
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
  const imageKey = values["image-key"];
  const imageKeys = imageKey === undefined ? DEFAULT_ROLES.image : [imageKey];
  const text = await readInputFile(file);
  const jobs = jobPatterns(readWorkflow(text, file), values.job, imageKeys);
  const now = expandLocal(file, text, jobs, imageKey);
  const before = values.base === undefined ? null : expandBase(values.base, await readInputFile(values.base), jobs, imageKey);
  const never = await neverRunsFindings(file, now.workflow, now.jobs.map((job) => job.id), {
    ...(values.path === undefined ? {} : { path: values.path }),
    ...(values["default-branch"] === undefined ? {} : { defaultBranch: values["default-branch"] }),
  });
  const findings: Finding[] = [
    ...never,
    ...lintSource(now, before).map((f): Finding => ({ level: "warning", title: "support-matrix-bot coverage", location: f.location, message: f.message })),
    ...(before ? replacements(before, now) : []),
  ];
  for (const finding of findings) {
    out(`${formatLocation(finding.location)}: ${finding.level}: ${finding.message}\n`);
    if (env.GITHUB_ACTIONS === "true") out(`${annotation(finding)}\n`);
  }
  return findings.some((f) => f.level !== "notice") ? 1 : 0;
}
