// Reads an image reference as written in the workflow and names the distribution and release behind it.
import { DISTRIBUTIONS, type DistributionEntry } from "./distribution-table.js";
import { findLabel, type Labels } from "./labels.js";

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

// The grammar of a Docker image reference, as github.com/distribution/reference parses it (reference.go and
// regexp.go, distribution/distribution@e5d5810851d1f17a5070e9b6f940d8af98ea3c29):
//   reference := name [":" tag] ["@" digest];  name := [domain "/"] path-component ["/" path-component]*
// Path components are lower-case; none of it allows a space, a backtick, `{`, `<` or `~`, so a valid reference
// cannot carry markup to the page.
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = "\\w[\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);
/** distribution's NameTotalLengthMax (255) plus the longest tag and a sha512 digest: also bounds the regex's work. */
const REFERENCE_LENGTH_LIMIT = 255 + 1 + 128 + 1 + 7 + 128;

/** Null when `text` is a valid image reference, else why not, in words for the maintainer. */
export function imageReferenceProblem(text: string): string | null {
  if (text.length > REFERENCE_LENGTH_LIMIT) return `is ${text.length} characters long, longer than any image reference`;
  if (REFERENCE.test(text)) return null;
  const odd = [...text].find((ch) => !/[A-Za-z0-9._\-/:@[\]]/.test(ch));
  if (odd !== undefined) return `contains ${JSON.stringify(odd)}, which no image reference can`;
  if (REFERENCE.test(text.toLowerCase())) return "has upper-case letters in its repository name, which must be lower-case";
  return "is not an image reference ([registry[:port]/]name[:tag][@digest])";
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

/** A configured label for the repository names the distribution, before (or instead of) the built-in table. */
export function identifyImage(reference: string, labels: Labels = {}): ImageIdentity {
  const { repository, tag } = parseImageReference(reference);
  const builtIn = DISTRIBUTIONS.find((candidate) => candidate.repository === repository);
  const label = findLabel(labels, repository);
  const entry = label === null ? builtIn : { ...builtIn, repository, name: label };
  if (!entry) {
    return { reference, distribution: reference, release: tag ?? "", releaseNote: null, known: false };
  }
  const release = releaseOf(entry, tag);
  const releaseNote = entry.tagNotes?.[release] ?? null;
  return { reference, distribution: entry.name, release, releaseNote, known: true };
}
