// A template that does not parse or render, pointing at the template's own file:line:col.
import { LocatedError, type SourceLocation } from "../located-error.js";

export class TemplateError extends LocatedError {
  /** The context field a strict template asked for but did not get (a typo, most likely), when that was the cause. */
  readonly missingField: string | null;

  constructor(location: SourceLocation, detail: string, missingField: string | null = null) {
    super(location, detail);
    this.missingField = missingField;
  }
}
