// `config check`: validates a `.github/support-matrix-bot.yml` with the messages the app would put in its problems issue.
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { CONFIG_PATH, parseConfigText } from "../config/index.js";
import { readInputFile } from "./cli-files.js";
import { UsageError } from "./usage-error.js";

export const CONFIG_USAGE = `support-matrix-bot config check [file (default ${CONFIG_PATH})] [--default-branch BRANCH]`;

/** `_extends` pulls keys from another repository, which an offline check cannot read: say so rather than guess. */
function extendsNote(text: string, file: string): string | null {
  let value: unknown;
  try {
    value = parse(text, { logLevel: "silent" });
  } catch {
    return null;
  }
  const extended = value !== null && typeof value === "object" && Object.hasOwn(value, "_extends");
  return extended
    ? `${file}: note: _extends is not followed offline; this file was checked alone, the app checks it merged with what it extends\n`
    : null;
}

/** Exit 0 when valid, 1 with one `file:line:col: key: problem` line each, 2 when the file cannot be read. */
export async function configCommand(
  args: string[],
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "default-branch": { type: "string" } },
  });
  const [action, file = CONFIG_PATH, extra] = positionals;
  if (action !== "check" || extra !== undefined) throw new UsageError(`usage: ${CONFIG_USAGE}`);
  const text = await readInputFile(file);
  const branch = values["default-branch"];
  const result = parseConfigText(text, file, branch === undefined ? {} : { defaultBranch: branch });
  const note = extendsNote(text, file);
  if (note !== null) err(note);
  if (result.ok) {
    out(`${file}: valid\n`);
    return 0;
  }
  for (const error of result.errors) out(`${error.message}\n`);
  return 1;
}
