// Reads the files named on the command line, turning "no such file" into one plain line.
import { readFile, writeFile } from "node:fs/promises";
import { UsageError } from "./usage-error.js";

export async function readInputFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: cannot read (${code ?? String(error)})`);
  }
}

export async function writeOutputFile(path: string, text: string): Promise<void> {
  await writeFile(path, text, "utf8");
}
