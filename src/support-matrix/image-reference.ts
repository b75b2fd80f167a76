// Reads an image reference as written in the workflow and names the distribution and release behind it.
import { DISTRIBUTIONS, type DistributionEntry } from "./distribution-table.js";

export interface ImageReference {
  /** Repository with Docker Hub's implicit `docker.io/library/` removed, e.g. `opensuse/leap`. */
  readonly repository: string;
  /** The tag exactly as written (may be odd, e.g. `15.6:`), or `null` when there is none. */
  readonly tag: string | null;
}

export interface ImageIdentity {
  /** The reference exactly as the workflow wrote it: readers copy it. */
  readonly reference: string;
  /** Display name; an unknown image falls back to its reference so it is never lost. */
  readonly distribution: string;
  /** Display release (`24.04`, `rolling`, `main`); empty when an unknown image has no tag. */
  readonly release: string;
  /** Extra words about the release, e.g. `development build` for Hadron's `main`. */
  readonly releaseNote: string | null;
  /** Whether the distribution table knows this repository. */
  readonly known: boolean;
}

const DOCKER_HUB_PREFIXES = ["docker.io/", "index.docker.io/", "registry-1.docker.io/"];

function withoutDockerHubDefaults(repository: string): string {
  let name = repository;
  const hub = DOCKER_HUB_PREFIXES.find((prefix) => name.startsWith(prefix));
  if (hub) name = name.slice(hub.length);
  return name.startsWith("library/") ? name.slice("library/".length) : name;
}

/** Splits at the first `:` after the last `/`, so registry ports stay in the repository and typos stay in the tag. */
export function parseImageReference(reference: string): ImageReference {
  const withoutDigest = reference.split("@")[0] ?? reference;
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  if (colon < 0) return { repository: withoutDockerHubDefaults(withoutDigest), tag: null };
  return {
    repository: withoutDockerHubDefaults(withoutDigest.slice(0, colon)),
    tag: withoutDigest.slice(colon + 1),
  };
}

function releaseOf(entry: DistributionEntry, tag: string | null): string {
  if (entry.untaggedRelease !== undefined && (tag === null || tag === "latest")) return entry.untaggedRelease;
  if (tag === null) return "latest";
  if (entry.tagPrefix && tag.startsWith(entry.tagPrefix) && tag.length > entry.tagPrefix.length) {
    return tag.slice(entry.tagPrefix.length);
  }
  return tag;
}

export function identifyImage(reference: string): ImageIdentity {
  const { repository, tag } = parseImageReference(reference);
  const entry = DISTRIBUTIONS.find((candidate) => candidate.repository === repository);
  if (!entry) {
    return { reference, distribution: reference, release: tag ?? "", releaseNote: null, known: false };
  }
  const release = releaseOf(entry, tag);
  const releaseNote = entry.tagNotes?.[release] ?? null;
  return { reference, distribution: entry.name, release, releaseNote, known: true };
}
