// Folds job runs into the images they build and test, each with the platforms and variants built and the suites run.
import type { Combination } from "../workflow/matrix-types.js";
import { identifyImage, type ImageIdentity } from "./image-reference.js";
import { readJob, type JobReading } from "./job-reading.js";
import { DEFAULT_LABELS, type Labels } from "./labels.js";
import { compareNatural, compareNaturalCaseless } from "./natural-order.js";
import { comparePlatforms } from "./platform-order.js";
import { compareReleasesNewestFirst } from "./release-order.js";
import { DEFAULT_ROLES, type Roles } from "./roles.js";
import { compareVariants, variantOf, type Variant } from "./variant.js";

export interface TestedPlatform {
  /** `amd64`, `arm64`, `riscv64`… (`linux/` prefix dropped). */
  readonly platform: string;
  /** Distinct variants built on this platform, generic first. Never empty. */
  readonly variants: readonly Variant[];
}

/** The test suites run against an image on one platform. */
export interface SuitePlatform {
  readonly platform: string;
  /** Distinct suite names, in natural order. Never empty. */
  readonly suites: readonly string[];
}

export interface TestedImage extends ImageIdentity {
  /** amd64, arm64, riscv64 first, then the rest in natural order. Empty when the image is only tested, not built, here. */
  readonly platforms: readonly TestedPlatform[];
  /** Suites by platform, in platform order; empty when no configured job runs a suite against the image. */
  readonly suites: readonly SuitePlatform[];
}

export interface TestedImageOptions {
  readonly roles?: Roles;
  readonly labels?: Labels;
  /** Platform for jobs without a platform key (test-riscv.yml has none): say what the workflow implies. */
  readonly defaultPlatform?: string;
}

export const UNSPECIFIED_PLATFORM = "unspecified";

/** Readers scan by distribution, then want the newest release first; the reference breaks remaining ties. */
export function compareTestedImages(a: ImageIdentity, b: ImageIdentity): number {
  return (
    compareNaturalCaseless(a.distribution, b.distribution) ||
    compareReleasesNewestFirst(a.release, b.release) ||
    (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0)
  );
}

interface ImageRuns {
  readonly variants: Map<string, Map<string, Variant>>;
  readonly suites: Map<string, Set<string>>;
}

function platformsOf(variantsByPlatform: Map<string, Map<string, Variant>>): TestedPlatform[] {
  return [...variantsByPlatform.entries()]
    .sort(([a], [b]) => comparePlatforms(a, b))
    .map(([platform, variants]) => ({ platform, variants: [...variants.values()].sort(compareVariants) }));
}

function suitesOf(suitesByPlatform: Map<string, Set<string>>): SuitePlatform[] {
  return [...suitesByPlatform.entries()]
    .sort(([a], [b]) => comparePlatforms(a, b))
    .map(([platform, suites]) => ({ platform, suites: [...suites].sort(compareNatural) }));
}

function entryOf<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const created = create();
  map.set(key, created);
  return created;
}

/**
 * Each run lands in exactly one place: a run with a suite in its image's suites, any other run in its
 * image's platform cell as one variant. Runs without an image value describe no image and are skipped.
 */
export function testedImages(jobs: readonly Combination[], options: TestedImageOptions = {}): TestedImage[] {
  const roles = options.roles ?? DEFAULT_ROLES;
  const labels = options.labels ?? DEFAULT_LABELS;
  return testedImagesOfReadings(
    jobs.map((job) => readJob(job, roles, labels)),
    labels,
    options.defaultPlatform,
  );
}

/** The same fold over runs already read by role (several sources may name their keys differently). */
export function testedImagesOfReadings(
  readings: readonly JobReading[],
  labels: Labels = DEFAULT_LABELS,
  defaultPlatform?: string,
): TestedImage[] {
  const options = { defaultPlatform };
  const byImage = new Map<string, ImageRuns>();
  for (const reading of readings) {
    if (reading.image === null) continue;
    const platform = reading.platform ?? options.defaultPlatform ?? UNSPECIFIED_PLATFORM;
    const runs = entryOf(byImage, reading.image, () => ({ variants: new Map(), suites: new Map() }));
    if (reading.suite !== null) {
      entryOf(runs.suites, platform, () => new Set<string>()).add(reading.suite);
      continue;
    }
    const variant = variantOf(reading, labels);
    entryOf(runs.variants, platform, () => new Map<string, Variant>()).set(variant.label, variant);
  }
  return [...byImage.entries()]
    .map(([reference, runs]) => ({
      ...identifyImage(reference, labels),
      platforms: platformsOf(runs.variants),
      suites: suitesOf(runs.suites),
    }))
    .sort(compareTestedImages);
}

/** Every platform any image is built or tested on, in column order. */
export function platformColumns(images: readonly TestedImage[]): string[] {
  const all = new Set(images.flatMap((image) => [...image.platforms, ...image.suites].map((p) => p.platform)));
  return [...all].sort(comparePlatforms);
}
