// The command line: matrix | render | preview | lint. Bad input is one `file:line:col: message` line and exit 2.
import { LocatedError } from "../located-error.js";
import { lintCommand, LINT_USAGE } from "./lint-command.js";
import { matrixCommand, MATRIX_USAGE } from "./matrix-command.js";
import { previewCommand } from "./preview-command.js";
import { renderCommand, RENDER_USAGE } from "./render-command.js";
import { UsageError } from "./usage-error.js";

type Command = (args: string[], out: (text: string) => void) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  matrix: matrixCommand,
  render: renderCommand,
  preview: previewCommand,
  lint: lintCommand,
};

export const USAGE = [
  "usage:",
  `  ${MATRIX_USAGE}`,
  `  ${RENDER_USAGE}`,
  "  support-matrix-bot preview",
  `  ${LINT_USAGE}`,
].join("\n");

/** Node's argument parser throws TypeErrors with a code; they are usage mistakes, not crashes. */
function isArgumentError(error: unknown): error is Error {
  return error instanceof Error && "code" in error && String((error as { code: unknown }).code).startsWith("ERR_PARSE_ARGS");
}

export async function main(
  argv: string[],
  out: (text: string) => void = (t) => process.stdout.write(t),
  err: (text: string) => void = (t) => process.stderr.write(t),
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    out(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"\n${USAGE}`);
    return await command(args, out);
  } catch (error) {
    if (error instanceof LocatedError || error instanceof UsageError || isArgumentError(error)) {
      err(`${error.message}\n`);
    } else {
      // Never a stack trace: one line a user can act on, and the exit code of bad input.
      err(`support-matrix-bot: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 2;
  }
}
