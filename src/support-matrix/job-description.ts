// Puts one image, variant or job into words for pull request bodies and lint messages.
import type { Combination } from "../workflow/matrix-types.js";
import { identifyImage, type ImageIdentity } from "./image-reference.js";
import { normalizePlatform } from "./platform-order.js";
import { DEFAULT_MATRIX_KEYS, UNSPECIFIED_PLATFORM, type TestedImageOptions } from "./tested-image.js";
import {
  FIPS_LABEL,
  isGeneric,
  kubernetesLabel,
  matrixValueText,
  TRUSTED_BOOT_LABEL,
  variantOf,
  type Variant,
} from "./variant.js";

/** The release with its note, as a table cell shows it: `main (development build)`. */
export function releaseLabel(image: Pick<ImageIdentity, "release" | "releaseNote">): string {
  return image.releaseNote ? `${image.release} (${image.releaseNote})` : image.release;
}

/** `Ubuntu 24.04 (ubuntu:24.04)`; `Hadron main (development build, ghcr.io/…:main)`; an unknown image is its reference. */
export function describeImage(image: ImageIdentity): string {
  if (!image.known) return image.reference;
  const inParens = image.releaseNote ? `${image.releaseNote}, ${image.reference}` : image.reference;
  const release = image.release ? ` ${image.release}` : "";
  return `${image.distribution}${release} (${inParens})`;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** `(generic)`, `for Raspberry Pi 4 with FIPS`, `with Trusted Boot (UKI)`: the tail after "on amd64". */
export function describeVariant(variant: Variant): string {
  if (isGeneric(variant)) return "(generic)";
  const features = [
    variant.trustedBoot ? TRUSTED_BOOT_LABEL : null,
    variant.fips ? FIPS_LABEL : null,
    variant.kubernetes ? kubernetesLabel(variant.kubernetes) : null,
    ...variant.extras,
  ].filter((word): word is string => word !== null);
  const board = variant.board ? `for ${variant.board.name}` : "";
  const withFeatures = features.length > 0 ? `with ${joinWords(features)}` : "";
  return [board, withFeatures].filter(Boolean).join(" ");
}

/** e.g. `Ubuntu 24.04 (ubuntu:24.04) on amd64 with Trusted Boot (UKI)`. */
export function describeJob(job: Combination, options: TestedImageOptions = {}): string {
  const imageKey = options.imageKey ?? DEFAULT_MATRIX_KEYS.imageKey;
  const platformKey = options.platformKey ?? DEFAULT_MATRIX_KEYS.platformKey;
  const imageValue = job[imageKey];
  const image =
    imageValue === undefined || imageValue === null
      ? `a job without ${imageKey}`
      : describeImage(identifyImage(matrixValueText(imageValue)));
  const platformValue = job[platformKey];
  const platform =
    platformValue === undefined || platformValue === null
      ? (options.defaultPlatform ?? UNSPECIFIED_PLATFORM)
      : normalizePlatform(matrixValueText(platformValue));
  return `${image} on ${platform} ${describeVariant(variantOf(job, { imageKey, platformKey }))}`;
}
