// What changed between two tested matrices, as structured entries with one sentence each for pull requests.
import { parseImageReference, type ImageIdentity } from "./image-reference.js";
import { describeImage } from "./image-description.js";
import { compareTestedImages, type TestedImage, type TestedPlatform } from "./tested-image.js";

interface ChangeBase {
  /** The image the change is about (from the newer list when it exists there). */
  readonly image: ImageIdentity;
  /** One sentence a reviewer can read without the table. */
  readonly sentence: string;
}

export type MatrixChange =
  | (ChangeBase & {
      readonly kind: "release-added";
      /** No release of this distribution was tested before. */
      readonly newDistribution: boolean;
      readonly platforms: readonly TestedPlatform[];
    })
  | (ChangeBase & {
      readonly kind: "release-removed";
      /** No release of this distribution is tested any more. */
      readonly lastOfDistribution: boolean;
    })
  /** One release of an image replaced by another of the same image (`hadron:v0.5.0` → `hadron:v0.5.1`): a bump, not a loss. */
  | (ChangeBase & { readonly kind: "release-replaced"; readonly replaced: ImageIdentity })
  | (ChangeBase & { readonly kind: "platform-added"; readonly platform: TestedPlatform })
  | (ChangeBase & { readonly kind: "platform-removed"; readonly platform: string })
  | (ChangeBase & { readonly kind: "variant-added"; readonly platform: string; readonly variant: string })
  | (ChangeBase & { readonly kind: "variant-removed"; readonly platform: string; readonly variant: string });

function platformWords(platform: TestedPlatform): string {
  return `${platform.platform} (${platform.variants.map((v) => v.label).join(", ")})`;
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function releaseAdded(image: TestedImage, before: readonly TestedImage[]): MatrixChange {
  const newDistribution = !before.some((old) => old.distribution === image.distribution);
  const lead = newDistribution ? `Added a new distribution, ${describeImage(image)}` : `Added ${describeImage(image)}`;
  const sentence = `${lead}: tested on ${listWords(image.platforms.map(platformWords))}.`;
  return { kind: "release-added", image, newDistribution, platforms: image.platforms, sentence };
}

function releaseRemoved(image: TestedImage, after: readonly TestedImage[]): MatrixChange {
  const lastOfDistribution = !after.some((now) => now.distribution === image.distribution);
  const tail = lastOfDistribution ? `no release of ${image.distribution} is tested any more` : "no longer tested";
  return { kind: "release-removed", image, lastOfDistribution, sentence: `Removed ${describeImage(image)}: ${tail}.` };
}

function variantChanges(image: TestedImage, old: TestedPlatform, now: TestedPlatform): MatrixChange[] {
  const oldLabels = old.variants.map((v) => v.label);
  const newLabels = now.variants.map((v) => v.label);
  const subject = `${describeImage(image)} on ${now.platform}`;
  const removed = oldLabels
    .filter((label) => !newLabels.includes(label))
    .map((variant): MatrixChange => ({
      kind: "variant-removed",
      image,
      platform: now.platform,
      variant,
      sentence: `${subject} no longer has a ${variant} job.`,
    }));
  const added = newLabels
    .filter((label) => !oldLabels.includes(label))
    .map((variant): MatrixChange => ({
      kind: "variant-added",
      image,
      platform: now.platform,
      variant,
      sentence: `${subject} now also has a ${variant} job.`,
    }));
  return [...removed, ...added];
}

function platformChanges(image: TestedImage, old: TestedImage): MatrixChange[] {
  const subject = describeImage(image);
  const removed = old.platforms
    .filter((p) => !image.platforms.some((q) => q.platform === p.platform))
    .map((p): MatrixChange => ({
      kind: "platform-removed",
      image,
      platform: p.platform,
      sentence: `${subject} is no longer tested on ${p.platform}.`,
    }));
  const changed = image.platforms.flatMap((now): MatrixChange[] => {
    const before = old.platforms.find((p) => p.platform === now.platform);
    if (before) return variantChanges(image, before, now);
    return [{ kind: "platform-added", image, platform: now, sentence: `${subject} is now also tested on ${platformWords(now)}.` }];
  });
  return [...removed, ...changed];
}

function releaseReplaced(old: TestedImage, now: TestedImage): MatrixChange {
  const was = old.platforms.map(platformWords);
  const is = now.platforms.map(platformWords);
  const coverage =
    is.length === 0 ? "" : was.join() === is.join() ? `, tested on ${listWords(is)} as before` : `: tested on ${listWords(is)}; the old release was tested on ${listWords(was) || "no platform"}`;
  return { kind: "release-replaced", image: now, replaced: old, sentence: `Replaced ${describeImage(old)} by ${describeImage(now)}${coverage}.` };
}

/**
 * A release that comes takes the place of one that goes when both are of the same image repository (the reference
 * without its tag) and no release kept on both sides sorts between them: `hadron:v0.5.0` → `hadron:v0.5.1` is a
 * bump, while dropping `ubuntu:20.04` and adding `ubuntu:26.04` around a kept 24.04 stays a removal and an addition.
 * Newest is paired with newest, so the reader sees each bump as one replacement, not a loss plus a new image.
 */
function replacements(before: readonly TestedImage[], after: readonly TestedImage[]): Map<TestedImage, TestedImage> {
  const gone = before.filter((old) => !after.some((now) => now.reference === old.reference)).sort(compareTestedImages);
  const come = after.filter((now) => !before.some((old) => old.reference === now.reference)).sort(compareTestedImages);
  const kept = after.filter((now) => before.some((old) => old.reference === now.reference));
  const repositoryOf = (image: TestedImage) => parseImageReference(image.reference).repository;
  const between = (a: TestedImage, b: TestedImage) => {
    const [low, high] = compareTestedImages(a, b) <= 0 ? [a, b] : [b, a];
    return kept.some((k) => repositoryOf(k) === repositoryOf(a) && compareTestedImages(low, k) < 0 && compareTestedImages(k, high) < 0);
  };
  const pairs = new Map<TestedImage, TestedImage>();
  const paired = new Set<TestedImage>();
  for (const now of come) {
    const old = gone.find((candidate) => !paired.has(candidate) && repositoryOf(candidate) === repositoryOf(now) && !between(candidate, now));
    if (!old) continue;
    pairs.set(now, old);
    paired.add(old);
  }
  return pairs;
}

/** Entries follow the newer table's reading order (removed images where they used to be), so reviews read top-down. */
export function diffTestedImages(before: readonly TestedImage[], after: readonly TestedImage[]): MatrixChange[] {
  const replaced = replacements(before, after);
  const replacedOld = new Set(replaced.values());
  const all = [...after, ...before.filter((old) => !replacedOld.has(old) && !after.some((now) => now.reference === old.reference))];
  return all.sort(compareTestedImages).flatMap((image): MatrixChange[] => {
    const old = before.find((candidate) => candidate.reference === image.reference);
    const now = after.find((candidate) => candidate.reference === image.reference);
    const predecessor = now ? replaced.get(now) : undefined;
    if (predecessor && now) return [releaseReplaced(predecessor, now)];
    if (!old && now) return [releaseAdded(now, before)];
    if (old && !now) return [releaseRemoved(old, after)];
    return old && now ? platformChanges(now, old) : [];
  });
}
