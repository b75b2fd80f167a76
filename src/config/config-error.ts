// A problem in the bot's configuration, located at `file:line:col` and named by its key path.
import { LocatedError, type SourceLocation } from "../located-error.js";
import type { KeyPathSegment } from "./yaml-location.js";

/** `["sources", 0, "image_key"]` → `sources[0].image_key`, the way a maintainer would point at it. */
export function formatKeyPath(path: readonly KeyPathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === "number") return `${text}[${segment}]`;
    return text === "" ? segment : `${text}.${segment}`;
  }, "");
}

export class ConfigError extends LocatedError {
  /** The dotted key path, e.g. `pull_request.labels`; empty when the whole file is wrong. */
  readonly keyPath: string;

  constructor(location: SourceLocation, path: readonly KeyPathSegment[], message: string) {
    const keyPath = formatKeyPath(path);
    super(location, `${keyPath === "" ? "the file" : keyPath}: ${message}`);
    this.keyPath = keyPath;
  }
}
