// `matrix`: prints one job's expanded combinations in GitHub's order, YAML scalar types kept.
import { parseArgs } from "node:util";
import { DEFAULT_IMAGE_KEY } from "../workflow/job-selection.js";
import { combinationsOf, expandMatrix } from "../workflow/matrix-expansion.js";
import { formatMatrixValue } from "../workflow/job-description.js";
import { readWorkflow } from "../workflow/read-workflow.js";
import { selectMatrixJob } from "../workflow/job-selection.js";
import type { Combination } from "../workflow/matrix-types.js";
import { readInputFile } from "./cli-files.js";
import { UsageError } from "./usage-error.js";

export const MATRIX_USAGE = "support-matrix-bot matrix <workflow.yml> [--job ID] [--image-key KEY] [--json]";

function line(job: Combination): string {
  return Object.entries(job)
    .map(([key, value]) => `${key}=${formatMatrixValue(value)}`)
    .join(" ");
}

/** `--json` is the contract other tools rely on: a JSON array, GitHub's order, booleans and numbers as YAML gave them. */
export async function matrixCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { job: { type: "string" }, "image-key": { type: "string" }, json: { type: "boolean" } },
  });
  const [file, extra] = positionals;
  if (!file || extra !== undefined) throw new UsageError(`usage: ${MATRIX_USAGE}`);
  const workflow = readWorkflow(await readInputFile(file), file);
  const job = selectMatrixJob(workflow, {
    imageKey: values["image-key"] ?? DEFAULT_IMAGE_KEY,
    ...(values.job === undefined ? {} : { jobId: values.job }),
  });
  const combinations = combinationsOf(expandMatrix(job.matrix));
  out(values.json ? `${JSON.stringify(combinations, null, 2)}\n` : combinations.map((c) => `${line(c)}\n`).join(""));
  return 0;
}
