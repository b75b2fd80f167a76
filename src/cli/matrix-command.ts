// `matrix`: prints the expanded combinations of a workflow's jobs in GitHub's order, YAML scalar types kept.
import { parseArgs } from "node:util";
import { DEFAULT_ROLES } from "../support-matrix/roles.js";
import { combinationsOf, expandMatrix } from "../workflow/matrix-expansion.js";
import { formatMatrixValue } from "../workflow/job-description.js";
import { readWorkflow, type WorkflowJob } from "../workflow/read-workflow.js";
import type { Combination } from "../workflow/matrix-types.js";
import { readInputFile } from "./cli-files.js";
import { jobPatterns, selectedJobs } from "./job-option.js";
import { UsageError } from "./usage-error.js";

export const MATRIX_USAGE = "support-matrix-bot matrix <workflow.yml> [--job ID|PATTERN[,...]] [--image-key KEY] [--json]";

export const MATRIX_HELP = [
  "Without --job: every job whose matrix or with: names an image key (base_image by default), e.g. master.yaml's",
  "build-iso, build-iso-arm and qemu-tests-*. --job takes ids or `*` patterns, comma-separated. Jobs without a",
  "strategy.matrix print nothing. With several jobs each line starts with `<job>:`, and --json prints an object",
  "of job id to combinations; with one job, --json prints the JSON array of its combinations.",
].join("\n");

function line(job: Combination): string {
  return Object.entries(job)
    .map(([key, value]) => `${key}=${formatMatrixValue(value)}`)
    .join(" ");
}

/** The job's combinations; a matrix GitHub would reject or cannot know before a run is a located error. */
function combinationsOfJob(job: WorkflowJob): Combination[] {
  if (job.matrix === null) return [];
  if (job.matrix.kind === "unreadable") throw job.matrix.problem;
  return combinationsOf(expandMatrix(job.matrix.matrix));
}

/** `--json` is the contract other tools rely on: GitHub's order, booleans and numbers as YAML gave them. */
export async function matrixCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { job: { type: "string" }, "image-key": { type: "string" }, json: { type: "boolean" } },
  });
  const [file, extra] = positionals;
  if (!file || extra !== undefined) throw new UsageError(`usage: ${MATRIX_USAGE}`);
  const workflow = readWorkflow(await readInputFile(file), file);
  const imageKeys = values["image-key"] === undefined ? DEFAULT_ROLES.image : [values["image-key"]];
  const jobs = selectedJobs(workflow, jobPatterns(workflow, values.job, imageKeys), imageKeys).map((job) => ({
    id: job.id,
    combinations: combinationsOfJob(job),
  }));
  const [only] = jobs;
  if (values.json) {
    const json = jobs.length === 1 && only ? only.combinations : Object.fromEntries(jobs.map((j) => [j.id, j.combinations]));
    out(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  const prefix = (id: string) => (jobs.length === 1 ? "" : `${id}: `);
  out(jobs.flatMap((job) => job.combinations.map((c) => `${prefix(job.id)}${line(c)}\n`)).join(""));
  return 0;
}
