// The one error shape users see: `file:line:col: message`, so editors and CI logs can jump to it.

export interface SourceLocation {
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.col}`;
}

/** An error in something a maintainer wrote (a workflow, a config, a template), pointing at where. */
export class LocatedError extends Error {
  readonly location: SourceLocation;
  readonly detail: string;

  constructor(location: SourceLocation, detail: string) {
    super(`${formatLocation(location)}: ${detail}`);
    this.name = new.target.name;
    this.location = location;
    this.detail = detail;
  }
}
