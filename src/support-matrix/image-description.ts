// Puts one image into words for pull request bodies and the tested-matrix table.
import type { ImageIdentity } from "./image-reference.js";

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
