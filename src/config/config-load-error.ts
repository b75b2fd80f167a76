// Turns what @probot/octokit-plugin-config throws while reading the config (bad YAML, bad `_extends`) into a ConfigError.
import { ConfigError } from "./config-error.js";

const PLUGIN_PREFIX = "[@probot/octokit-plugin-config] ";
/** The API URL the plugin names a file by, with GitHub Enterprise's `/api/v3` and a `?ref=` allowed. */
const CONTENTS_URL = /https:\/\/[^\s/]+\/(?:api\/v3\/)?repos\/([^/\s]+)\/([^/\s]+)\/contents\/([^\s?]+)(?:\?\S*)?/g;

/** The repository whose config the bot asked for; files read from elsewhere are named `owner/repo:path`. */
export interface ConfigRepository {
  readonly owner: string;
  readonly repo: string;
}

interface YamlFailure {
  readonly message: string;
  readonly linePos?: readonly { readonly line: number; readonly col: number }[];
}

function isYamlFailure(cause: unknown): cause is YamlFailure {
  return cause instanceof Error && cause.name === "YAMLParseError";
}

/** `https://api.github.com/repos/o/r/contents/.github%2Fx.yml` → `.github/x.yml`, or `o/r:.github/x.yml` elsewhere. */
function fileOf(url: readonly string[], requested: ConfigRepository): string {
  const [, owner = "", repo = "", path = ""] = url;
  const file = decodeURIComponent(path);
  const same = owner.toLowerCase() === requested.owner.toLowerCase() && repo.toLowerCase() === requested.repo.toLowerCase();
  return same ? file : `${owner}/${repo}:${file}`;
}

/** The YAML error's own words, without the position and code excerpt it appends. */
function yamlReason(message: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, "");
}

/** A YAML syntax error in `file`, at the position YAML gives: one shape for the app and the CLI. */
export function invalidYamlError(file: string, cause: unknown): ConfigError | null {
  if (!isYamlFailure(cause)) return null;
  const position = cause.linePos?.[0] ?? { line: 1, col: 1 };
  return new ConfigError({ file, line: position.line, col: position.col }, [], `invalid YAML: ${yamlReason(cause.message)}`);
}

/**
 * The plugin throws plain Errors whose message starts with `[@probot/octokit-plugin-config]`, naming the file
 * by its API URL; a YAML syntax error is its `cause` (a YAMLParseError with `linePos`).
 * Returns null for anything else (network, permissions): those are not the maintainer's to fix.
 */
export function configLoadError(error: unknown, requested: ConfigRepository, fallbackFile: string): ConfigError | null {
  if (!(error instanceof Error) || !error.message.startsWith(PLUGIN_PREFIX)) return null;
  const urls = [...error.message.matchAll(CONTENTS_URL)];
  // The first URL is the file being read when it failed; a recursion message names the earlier one second.
  const first = urls[0];
  const file = first ? fileOf(first, requested) : fallbackFile;
  const readable = error.message
    .slice(PLUGIN_PREFIX.length)
    .replace(CONTENTS_URL, (...match: string[]) => fileOf(match, requested));
  return invalidYamlError(file, error.cause) ?? new ConfigError({ file, line: 1, col: 1 }, [], readable);
}
