// Renders configuration errors (and template or page errors) as the Markdown body of the sticky issue on the docs repository.
import type { LocatedError } from "../located-error.js";

/** Where maintainers read about every key; the default assumes the bot's repository lives next to kairos-docs. */
export const CONFIGURATION_REFERENCE_URL =
  "https://github.com/kairos-io/support-matrix-bot/blob/main/docs/configuration.md";

export interface ConfigErrorReportOptions {
  /** Link to docs/configuration.md of the deployed bot's version. */
  readonly referenceUrl?: string;
}

/** A code span cannot be broken by what is inside it: use a longer backtick fence than any run in the text. */
function codeSpan(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  const longestRun = Math.max(0, ...Array.from(oneLine.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = longestRun > 0 || oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** Pure: the same errors give the same text, so the sticky issue is only edited when something changed. */
export function renderConfigErrorReport(
  errors: readonly LocatedError[],
  options: ConfigErrorReportOptions = {},
): string {
  const referenceUrl = options.referenceUrl ?? CONFIGURATION_REFERENCE_URL;
  const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
  return [
    `support-matrix-bot found ${count} in the files it reads from this repository. Until they are fixed it keeps ` +
      "working with the last valid configuration it read (a freshly started bot leaves the docs as they are):",
    "",
    ...errors.map((error) => `- ${codeSpan(error.message)}`),
    "",
    "**How to fix:** each line above reads `file:line:column: key: what is wrong`. Edit that file on the " +
      "default branch. Every key is optional: deleting a key brings back its default, and deleting the whole " +
      "file brings back the Kairos defaults. The bot reads the files again on the next push and closes this issue.",
    "",
    `Every key, its type and its default: [configuration reference](${referenceUrl}).`,
    "",
  ].join("\n");
}
