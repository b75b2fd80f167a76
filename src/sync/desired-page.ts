// The page the docs should have, computed from the current sources: pure, shared by the CLI and the app.
import { RELEASE_CHANGELOG_BLOCK, TESTED_MATRIX_BLOCK, canonicalBlock, readBlock, spliceBlock } from "../docs-page/page-splice.js";
import { releaseChangelogContext, renderReleaseChangelog } from "../docs-page/release-changelog-block.js";
import { renderTestedMatrix, testedMatrixContext } from "../docs-page/tested-matrix-block.js";
import type { TemplateSource } from "../docs-page/template-source.js";
import type { ComponentRelease } from "../releases/component-release.js";
import { testedImages, type TestedImage } from "../support-matrix/tested-image.js";
import { WorkflowError } from "../workflow/workflow-error.js";
import {
  readReleasesRecord,
  readSourcesRecord,
  releasesRecordLine,
  sourcesRecordLine,
  type ReleaseRecord,
  type SourceRecord,
} from "./block-record.js";
import { expandSource, type ExpandedSource, type WorkflowSnapshot } from "./workflow-snapshot.js";

export interface PageText {
  /** Shown in errors, e.g. `docs/reference/image_matrix.md`. */
  readonly file: string;
  readonly text: string;
}

export interface DesiredPageInputs {
  readonly page: PageText;
  /** The web server every link on the page points at (github.com or a GitHub Enterprise Server). */
  readonly serverUrl: string;
  /** Regenerate the tested-matrix block from these workflows (omit to leave the block alone). */
  readonly testedMatrix?: { readonly sources: readonly WorkflowSnapshot[]; readonly template: TemplateSource };
  /** Regenerate the release changelog block (omit to leave it alone). */
  readonly releaseChangelog?: { readonly releases: readonly ComponentRelease[]; readonly template: TemplateSource };
}

export interface DesiredPage {
  readonly text: string;
  /** What the tested-matrix block now lists (null when it was not regenerated). */
  readonly testedImages: TestedImage[] | null;
  readonly expanded: readonly ExpandedSource[];
  /** The source commits the desired page's table names (the recorded ones when the matrix did not change). */
  readonly sources: readonly SourceRecord[];
  /** What the blocks on the current page say they were generated from. */
  readonly previous: {
    readonly sources: readonly SourceRecord[];
    readonly releases: readonly ReleaseRecord[] | null;
  };
}

/** The recorded sources are the configured ones (same repositories and paths, in order), whatever their commits. */
function sameSources(recorded: readonly SourceRecord[], expanded: readonly ExpandedSource[]): boolean {
  return (
    recorded.length === expanded.length &&
    recorded.every((r, i) => r.repository === expanded[i]?.record.repository && r.path === expanded[i]?.record.path)
  );
}

/** Every source's jobs under one naming, so several workflows (one says `arch`) fold into one table. */
export function testedImagesOf(expanded: readonly ExpandedSource[]): TestedImage[] {
  const jobs = expanded.flatMap((e) =>
    e.combinations.map((job) => {
      const { [e.snapshot.imageKey]: image, [e.snapshot.platformKey]: platform, ...rest } = job;
      return { ...rest, base_image: image ?? null, platform: platform ?? null };
    }),
  );
  return testedImages(jobs);
}

function requireImages(images: TestedImage[], expanded: readonly ExpandedSource[]): TestedImage[] {
  const first = expanded[0];
  if (images.length === 0 && first) {
    throw new WorkflowError(
      first.matrix.location,
      `no job of this matrix has a "${first.snapshot.imageKey}" value: the table would be empty`,
    );
  }
  return images;
}

/** Throws LocatedError (workflow, template or page) with `file:line:col`; never returns a half-updated page. */
export function desiredPage(inputs: DesiredPageInputs): DesiredPage {
  const { file } = inputs.page;
  let text = inputs.page.text;
  const previous = {
    sources: readSourcesRecord(readBlock(text, TESTED_MATRIX_BLOCK, file)),
    releases: readReleasesRecord(readBlock(text, RELEASE_CHANGELOG_BLOCK, file)),
  };
  let images: TestedImage[] | null = null;
  let expanded: ExpandedSource[] = [];
  let sources: readonly SourceRecord[] = previous.sources;
  if (inputs.testedMatrix) {
    const { template } = inputs.testedMatrix;
    expanded = inputs.testedMatrix.sources.map(expandSource);
    images = requireImages(testedImagesOf(expanded), expanded);
    const tested = images;
    const block = (sources: readonly SourceRecord[]) =>
      `${sourcesRecordLine(sources)}\n\n${renderTestedMatrix(template, testedMatrixContext(tested, sources, inputs.serverUrl))}`;
    // A commit that leaves the tested matrix as it was (a comment, a step change) is no reason for a pull
    // request: when the recorded commits still render this very block, the block stays true as it is.
    const unchanged =
      sameSources(previous.sources, expanded) && readBlock(text, TESTED_MATRIX_BLOCK, file) === canonicalBlock(block(previous.sources));
    if (!unchanged) {
      sources = expanded.map((e) => e.record);
      text = spliceBlock(text, TESTED_MATRIX_BLOCK, block(sources), file);
    }
  }
  if (inputs.releaseChangelog) {
    const { releases, template } = inputs.releaseChangelog;
    const table = renderReleaseChangelog(template, releaseChangelogContext(releases, inputs.serverUrl));
    const record = releases.map((r) => ({ repository: r.component.repository, latest: r.latest }));
    text = spliceBlock(text, RELEASE_CHANGELOG_BLOCK, `${releasesRecordLine(record)}\n\n${table}`, file);
  }
  return { text, testedImages: images, expanded, sources, previous };
}
