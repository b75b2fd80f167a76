// Renders the tested-matrix block: one table row per tested image, one column per platform, and its sources.
import { releaseLabel } from "../support-matrix/image-description.js";
import { platformColumns, type TestedImage } from "../support-matrix/tested-image.js";
import { blobUrl } from "../web-links.js";
import { compileTemplate } from "./template-environment.js";
import type { TemplateSource } from "./template-source.js";

/** A workflow file the rows were read from, at the commit that was read. */
export interface TestedMatrixSource {
  /** `owner/name`. */
  readonly repository: string;
  readonly path: string;
  /** Full commit SHA: the link must not move when the branch does. */
  readonly sha: string;
}

export interface TestedMatrixCell {
  readonly platform: string;
  readonly tested: boolean;
  readonly variants: readonly string[];
  /** Variants joined with `, `, or `—` when the image is not tested on this platform. */
  readonly text: string;
}

export interface TestedMatrixRow {
  readonly distribution: string;
  readonly release: string;
  readonly image: string;
  readonly cells: readonly TestedMatrixCell[];
}

export interface TestedMatrixSourceContext extends TestedMatrixSource {
  readonly shortSha: string;
  readonly url: string;
}

/** The render context, documented for template authors at the top of templates/tested-matrix.md.hbs. */
export interface TestedMatrixContext {
  readonly platforms: readonly string[];
  readonly rows: readonly TestedMatrixRow[];
  readonly sources: readonly TestedMatrixSourceContext[];
}

export const NOT_TESTED = "—";

function rowOf(image: TestedImage, platforms: readonly string[]): TestedMatrixRow {
  const cells = platforms.map((platform): TestedMatrixCell => {
    const variants = image.platforms.find((p) => p.platform === platform)?.variants.map((v) => v.label) ?? [];
    const tested = variants.length > 0;
    return { platform, tested, variants, text: tested ? variants.join(", ") : NOT_TESTED };
  });
  return { distribution: image.distribution, release: releaseLabel(image) || NOT_TESTED, image: image.reference, cells };
}

function sourceOf(source: TestedMatrixSource, serverUrl: string): TestedMatrixSourceContext {
  const url = blobUrl(serverUrl, { repository: source.repository, ref: source.sha, path: source.path });
  return { ...source, shortSha: source.sha.slice(0, 7), url };
}

/** Rows keep the order of `images` (testedImages() already sorts them for readers); links go to `serverUrl`. */
export function testedMatrixContext(
  images: readonly TestedImage[],
  sources: readonly TestedMatrixSource[],
  serverUrl: string,
): TestedMatrixContext {
  const platforms = platformColumns(images);
  return {
    platforms,
    rows: images.map((image) => rowOf(image, platforms)),
    sources: sources.map((source) => sourceOf(source, serverUrl)),
  };
}

/** Pure: the template text is passed in (the default file, or a maintainer's override fetched by the app). */
export function renderTestedMatrix(template: TemplateSource, context: TestedMatrixContext): string {
  return compileTemplate(template.text, template.file)(context);
}
