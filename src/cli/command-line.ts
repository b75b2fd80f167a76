// The command line: matrix | render | preview | lint | config check | help. Bad input is one `file:line:col: message` line and exit 2.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { packageRoot } from "../docs-page/default-templates.js";
import { LocatedError } from "../located-error.js";
import { configCommand, CONFIG_USAGE } from "./config-command.js";
import { lintCommand, LINT_HELP, LINT_USAGE } from "./lint-command.js";
import { matrixCommand, MATRIX_HELP, MATRIX_USAGE } from "./matrix-command.js";
import { previewCommand, PREVIEW_USAGE } from "./preview-command.js";
import { renderCommand, RENDER_HELP, RENDER_USAGE } from "./render-command.js";
import { UsageError } from "./usage-error.js";

type Run = (args: string[], out: (text: string) => void, err: (text: string) => void) => Promise<number>;

interface Command {
  readonly run: Run;
  readonly usage: string;
  readonly summary: string;
  /** More than the summary, shown by `<command> --help`. */
  readonly help?: string;
}

const COMMANDS: Record<string, Command> = {
  matrix: {
    run: matrixCommand,
    usage: MATRIX_USAGE,
    summary: "print the expanded matrix combinations of a workflow's jobs in GitHub's order (--json for JSON)",
    help: MATRIX_HELP,
  },
  render: {
    run: renderCommand,
    usage: RENDER_USAGE,
    summary: "print the docs page updated from a workflow file; --write saves it, --check fails with a diff",
    help: RENDER_HELP,
  },
  preview: {
    run: previewCommand,
    usage: PREVIEW_USAGE,
    summary: "print the diff the bot would propose for the bundled snapshot, offline",
  },
  lint: {
    run: (args, out) => lintCommand(args, out),
    usage: LINT_USAGE,
    summary: "error when GitHub never runs the workflow; warn when include entries replace or repeat tested jobs or a change stops testing some",
    help: LINT_HELP,
  },
  config: {
    run: configCommand,
    usage: CONFIG_USAGE,
    summary: "check a .github/support-matrix-bot.yml: the app's own file:line:col messages, exit 1 when invalid",
  },
};

const HELP_USAGE = "support-matrix-bot help [<command>]";
const VERSION_USAGE = "support-matrix-bot --version";

export const USAGE = ["usage:", ...Object.values(COMMANDS).map((c) => `  ${c.usage}`), `  ${HELP_USAGE}`, `  ${VERSION_USAGE}`].join(
  "\n",
);

function commandList(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    "usage: support-matrix-bot <command> [options]",
    "",
    "commands:",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    `\`${HELP_USAGE}\` or \`<command> --help\` shows a command's options; \`${VERSION_USAGE}\` (-V) its version.`,
  ].join("\n");
}

function commandHelp(name: string): string {
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"\n${USAGE}`);
  return `usage: ${command.usage}\n\n${command.summary}${command.help ? `\n\n${command.help}` : ""}`;
}

/** Asked for help before any `--` (after it, `--help` would be a file name). */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

/** Read at run time, so the installed package reports the version npm installed, not one copied at build time. */
async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(packageRoot, "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

/** Node's argument parser throws TypeErrors with a code; they are usage mistakes, not crashes. */
function isArgumentError(error: unknown): error is Error {
  return error instanceof Error && "code" in error && String((error as { code: unknown }).code).startsWith("ERR_PARSE_ARGS");
}

async function dispatch(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    // Nothing asked: the usage is a complaint, so it goes to stderr and the exit code says "misused".
    err(`${USAGE}\n`);
    return 2;
  }
  if (name === "--version" || name === "-V") {
    out(`${await packageVersion()}\n`);
    return 0;
  }
  if (name === "help" || name === "--help" || name === "-h") {
    if (args.length > 1) throw new UsageError(`usage: ${HELP_USAGE}`);
    out(`${args[0] === undefined ? commandList() : commandHelp(args[0])}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"\n${USAGE}`);
  if (asksForHelp(args)) {
    out(`${commandHelp(name)}\n`);
    return 0;
  }
  return command.run(args, out, err);
}

export async function main(
  argv: string[],
  out: (text: string) => void = (t) => process.stdout.write(t),
  err: (text: string) => void = (t) => process.stderr.write(t),
): Promise<number> {
  try {
    return await dispatch(argv, out, err);
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
