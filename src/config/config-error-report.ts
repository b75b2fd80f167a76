// Renders configuration errors (and template or page errors) as the Markdown body of the sticky issue on the docs repository.
import { codeSpan } from "../docs-page/markdown-text.js";
import type { LocatedError } from "../located-error.js";

/** Where maintainers read about every key; the default assumes the bot's repository lives next to kairos-docs. */
export const CONFIGURATION_REFERENCE_URL =
  "https://github.com/kairos-io/support-matrix-bot/blob/main/docs/configuration.md";

export interface ConfigErrorReportOptions {
  /** Link to docs/configuration.md of the deployed bot's version. */
  readonly referenceUrl?: string;
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
