// Folds a workflow's expanded jobs into the images it tests, each with the platforms and variants really built.
import type { Combination, MatrixValue } from "../workflow/matrix-types.js";
import { identifyImage, type ImageIdentity } from "./image-reference.js";
import { compareNaturalCaseless } from "./natural-order.js";
import { comparePlatforms, normalizePlatform } from "./platform-order.js";
import { compareReleasesNewestFirst } from "./release-order.js";
import { compareVariants, matrixValueText, variantOf, type MatrixKeys, type Variant } from "./variant.js";

export interface TestedPlatform {
  /** `amd64`, `arm64`, `riscv64`… (`linux/` prefix dropped). */
  readonly platform: string;
  /** Distinct variants of the jobs on this platform, generic first. Never empty. */
  readonly variants: readonly Variant[];
}

export interface TestedImage extends ImageIdentity {
  /** amd64, arm64, riscv64 first, then the rest in natural order. Never empty. */
  readonly platforms: readonly TestedPlatform[];
}

export interface TestedImageOptions {
  readonly imageKey?: string;
  readonly platformKey?: string;
  /** Platform for jobs without the platform key (test-riscv.yml has none): say what the workflow implies. */
  readonly defaultPlatform?: string;
}

export const DEFAULT_MATRIX_KEYS: MatrixKeys = { imageKey: "base_image", platformKey: "platform" };
export const UNSPECIFIED_PLATFORM = "unspecified";

function scalarText(value: MatrixValue | undefined): string | null {
  if (value === undefined || value === null || value === "") return null;
  return matrixValueText(value);
}

/** Readers scan by distribution, then want the newest release first; the reference breaks remaining ties. */
export function compareTestedImages(a: ImageIdentity, b: ImageIdentity): number {
  return (
    compareNaturalCaseless(a.distribution, b.distribution) ||
    compareReleasesNewestFirst(a.release, b.release) ||
    (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0)
  );
}

function platformsOf(variantsByPlatform: Map<string, Map<string, Variant>>): TestedPlatform[] {
  return [...variantsByPlatform.entries()]
    .sort(([a], [b]) => comparePlatforms(a, b))
    .map(([platform, variants]) => ({ platform, variants: [...variants.values()].sort(compareVariants) }));
}

/**
 * Jobs without an image value (another job's matrix, a unit-test job) describe no image and are skipped;
 * every job that names an image is kept, however unknown the image.
 */
export function testedImages(jobs: readonly Combination[], options: TestedImageOptions = {}): TestedImage[] {
  const keys: MatrixKeys = {
    imageKey: options.imageKey ?? DEFAULT_MATRIX_KEYS.imageKey,
    platformKey: options.platformKey ?? DEFAULT_MATRIX_KEYS.platformKey,
  };
  const byImage = new Map<string, Map<string, Map<string, Variant>>>();
  for (const job of jobs) {
    const reference = scalarText(job[keys.imageKey]);
    if (reference === null) continue;
    const rawPlatform = scalarText(job[keys.platformKey]);
    const platform = rawPlatform === null ? (options.defaultPlatform ?? UNSPECIFIED_PLATFORM) : normalizePlatform(rawPlatform);
    const variant = variantOf(job, keys);
    const platforms = byImage.get(reference) ?? new Map<string, Map<string, Variant>>();
    const variants = platforms.get(platform) ?? new Map<string, Variant>();
    variants.set(variant.label, variant);
    platforms.set(platform, variants);
    byImage.set(reference, platforms);
  }
  return [...byImage.entries()]
    .map(([reference, platforms]) => ({ ...identifyImage(reference), platforms: platformsOf(platforms) }))
    .sort(compareTestedImages);
}

/** Every platform any image is tested on, in column order. */
export function platformColumns(images: readonly TestedImage[]): string[] {
  const all = new Set(images.flatMap((image) => image.platforms.map((p) => p.platform)));
  return [...all].sort(comparePlatforms);
}
