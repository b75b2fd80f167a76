// `lint`: warns when a workflow's include entries silently replace tested jobs, or a change stops testing some.
import { parseArgs } from "node:util";
import { formatLocation } from "../located-error.js";
import { lintCoverage, type CoverageFinding } from "../workflow/coverage-lint.js";
import { DEFAULT_IMAGE_KEY, selectMatrixJob } from "../workflow/job-selection.js";
import { readWorkflow } from "../workflow/read-workflow.js";
import type { MatrixDefinition } from "../workflow/matrix-types.js";
import { readInputFile } from "./cli-files.js";
import { UsageError } from "./usage-error.js";

export const LINT_USAGE = "support-matrix-bot lint <workflow.yml> [--base <previous.yml>] [--job ID] [--image-key KEY]";

/** GitHub's workflow command syntax: `%`, CR and LF must be escaped, and `,` `:` in properties. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function annotation(finding: CoverageFinding): string {
  const { file, line, col } = finding.location;
  return `::warning file=${escapeProperty(file)},line=${line},col=${col},title=${escapeProperty("support-matrix-bot coverage")}::${escapeData(finding.message)}`;
}

async function matrixOf(file: string, jobId: string | undefined, imageKey: string): Promise<MatrixDefinition> {
  const workflow = readWorkflow(await readInputFile(file), file);
  return selectMatrixJob(workflow, { imageKey, ...(jobId === undefined ? {} : { jobId }) }).matrix;
}

/** Exit 0 when clean, 1 with warnings, 2 (thrown) on bad input: usable as a plain workflow step. */
export async function lintCommand(
  args: string[],
  out: (text: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { base: { type: "string" }, job: { type: "string" }, "image-key": { type: "string" } },
  });
  const [file, extra] = positionals;
  if (!file || extra !== undefined) throw new UsageError(`usage: ${LINT_USAGE}`);
  const imageKey = values["image-key"] ?? DEFAULT_IMAGE_KEY;
  const matrix = await matrixOf(file, values.job, imageKey);
  const previous = values.base === undefined ? undefined : await matrixOf(values.base, values.job, imageKey);
  const findings = lintCoverage(matrix, { imageKey, ...(previous ? { previous } : {}) });
  for (const finding of findings) {
    out(`${formatLocation(finding.location)}: warning: ${finding.message}\n`);
    if (env.GITHUB_ACTIONS === "true") out(`${annotation(finding)}\n`);
  }
  return findings.length === 0 ? 0 : 1;
}
