// A template's text and the file it came from, so errors can point into the right file.

export interface TemplateSource {
  /** Shown in errors: `templates/tested-matrix.md.hbs`, or the docs repo path of a maintainer's override. */
  readonly file: string;
  readonly text: string;
}
