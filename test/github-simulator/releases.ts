// Release life cycle (create, publish, edit, unpublish, delete), the release webhooks each step sends, and "latest".
import type { PushEvent, ReleaseEvent } from "@octokit/webhooks-types";
import { releasePayload } from "./payloads.js";
import { changeRef } from "./refs.js";
import type { Account, ChangeKind, ReleaseRecord, Repo, World } from "./world.js";

export interface ReleaseInput {
  tag: string;
  /** Branch or sha the tag is created from when it does not exist yet (default: the default branch). */
  target?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
  author: Account;
  /** GitHub dates a release by its commit, not by publication; tests may pass the real date. Default: now. */
  createdAt?: string;
  makeLatest?: "true" | "false" | "legacy";
}

export interface ReleaseOutcome {
  release: ReleaseRecord;
  /** Release webhooks in the order GitHub sends them. */
  payloads: ReleaseEvent[];
  /** The push of a tag GitHub created for the release, if it did. */
  tagPush: PushEvent | null;
}

function emit(world: World, repo: Repo, r: ReleaseRecord, action: ReleaseEvent["action"], sender: Account, cause: ChangeKind, changes?: Record<string, { from: string }>): ReleaseEvent {
  const payload = releasePayload(world, repo, r, action, sender, changes);
  world.emitWebhook("release", payload, cause);
  return payload;
}

// Publishing needs the tag: GitHub creates it on the target when missing (and sends its push).
function ensureTag(world: World, repo: Repo, r: ReleaseRecord, sender: Account, cause: ChangeKind): PushEvent | null {
  const ref = `refs/tags/${r.tag}`;
  if (repo.refs.has(ref)) return null;
  const target = repo.refs.get(`refs/heads/${r.targetCommitish}`) ?? (repo.objects.commit(r.targetCommitish) ? r.targetCommitish : undefined);
  if (!target) throw new Error(`simulator: cannot tag ${r.tag}: no commit for ${r.targetCommitish}`);
  return changeRef(world, { repo, ref, after: target, sender, cause }).push;
}

function publishPayloads(world: World, repo: Repo, r: ReleaseRecord, sender: Account, cause: ChangeKind): ReleaseEvent[] {
  return [
    emit(world, repo, r, "published", sender, cause),
    emit(world, repo, r, r.prerelease ? "prereleased" : "released", sender, cause),
  ];
}

function markLatest(repo: Repo, r: ReleaseRecord): void {
  if (r.draft || r.prerelease) return;
  if (r.makeLatest === "true") repo.latestReleaseId = r.id;
  if (r.makeLatest === "legacy") repo.latestReleaseId = null;
}

export function createRelease(world: World, repo: Repo, input: ReleaseInput, cause: ChangeKind): ReleaseOutcome {
  const now = world.isoNow();
  const r: ReleaseRecord = {
    id: world.nextId(),
    tag: input.tag,
    targetCommitish: input.target ?? repo.defaultBranch,
    name: input.name ?? input.tag,
    body: input.body ?? null,
    draft: input.draft ?? false,
    prerelease: input.prerelease ?? false,
    author: input.author,
    createdAt: input.createdAt ?? now,
    // Seeding history: a release created at a past date was published then too.
    publishedAt: input.draft ? null : (input.createdAt ?? now),
    makeLatest: input.makeLatest ?? "true",
  };
  const tagPush = r.draft ? null : ensureTag(world, repo, r, input.author, cause);
  repo.releases.push(r);
  const payloads = [emit(world, repo, r, "created", input.author, cause)];
  if (!r.draft) payloads.push(...publishPayloads(world, repo, r, input.author, cause));
  markLatest(repo, r);
  return { release: r, payloads, tagPush };
}

export interface ReleaseEdit {
  tag?: string;
  name?: string;
  body?: string;
  prerelease?: boolean;
  /** false publishes a draft; true unpublishes. */
  draft?: boolean;
  target?: string;
  makeLatest?: "true" | "false" | "legacy";
}

function recordChanges(r: ReleaseRecord, edit: ReleaseEdit): Record<string, { from: string }> {
  const changes: Record<string, { from: string }> = {};
  if (edit.name !== undefined && edit.name !== r.name) {
    changes.name = { from: r.name ?? "" };
    r.name = edit.name;
  }
  if (edit.body !== undefined && edit.body !== r.body) {
    changes.body = { from: r.body ?? "" };
    r.body = edit.body;
  }
  if (edit.tag !== undefined && edit.tag !== r.tag) {
    changes.tag_name = { from: r.tag };
    r.tag = edit.tag;
  }
  if (edit.target !== undefined) r.targetCommitish = edit.target;
  return changes;
}

/** Edits a release like the UI/API: `edited` for detail changes, then publish/unpublish/released as they apply. */
export function editRelease(world: World, repo: Repo, r: ReleaseRecord, edit: ReleaseEdit, sender: Account, cause: ChangeKind): ReleaseOutcome {
  if (edit.draft === true && !r.draft) return unpublishRelease(world, repo, r, sender, cause);
  const wasPrerelease = r.prerelease;
  const changes = recordChanges(r, edit);
  const prereleaseChanged = edit.prerelease !== undefined && edit.prerelease !== r.prerelease;
  if (edit.prerelease !== undefined) r.prerelease = edit.prerelease;
  if (edit.makeLatest !== undefined) r.makeLatest = edit.makeLatest;
  const payloads: ReleaseEvent[] = [];
  if (Object.keys(changes).length > 0 || prereleaseChanged) payloads.push(emit(world, repo, r, "edited", sender, cause, changes));
  let tagPush: PushEvent | null = null;
  if (edit.draft === false && r.draft) {
    r.draft = false;
    r.publishedAt = world.isoNow();
    tagPush = ensureTag(world, repo, r, sender, cause);
    payloads.push(...publishPayloads(world, repo, r, sender, cause));
    markLatest(repo, r);
  } else if (!r.draft && wasPrerelease && !r.prerelease) {
    payloads.push(emit(world, repo, r, "released", sender, cause));
  }
  if (r.prerelease && repo.latestReleaseId === r.id) repo.latestReleaseId = null;
  if (edit.makeLatest !== undefined && !r.draft) markLatest(repo, r);
  return { release: r, payloads, tagPush };
}

export function unpublishRelease(world: World, repo: Repo, r: ReleaseRecord, sender: Account, cause: ChangeKind): ReleaseOutcome {
  r.draft = true;
  r.publishedAt = null;
  if (repo.latestReleaseId === r.id) repo.latestReleaseId = null;
  return { release: r, payloads: [emit(world, repo, r, "unpublished", sender, cause)], tagPush: null };
}

/** Deletes the release; the tag stays, as on GitHub. */
export function deleteRelease(world: World, repo: Repo, r: ReleaseRecord, sender: Account, cause: ChangeKind): ReleaseOutcome {
  repo.releases = repo.releases.filter((x) => x !== r);
  if (repo.latestReleaseId === r.id) repo.latestReleaseId = null;
  return { release: r, payloads: [emit(world, repo, r, "deleted", sender, cause)], tagPush: null };
}

/** Newest first: by created_at, then by id. */
export function sortedReleases(repo: Repo): ReleaseRecord[] {
  return [...repo.releases].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id));
}

/**
 * GitHub's "Latest": the release last published with make_latest (default true); when there is none, the legacy
 * rule (newest created_at among published non-prereleases, then the higher version).
 */
export function latestRelease(repo: Repo): ReleaseRecord | undefined {
  const marked = repo.releases.find((r) => r.id === repo.latestReleaseId && !r.draft && !r.prerelease);
  if (marked) return marked;
  const candidates = repo.releases.filter((r) => !r.draft && !r.prerelease);
  return candidates.sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : b.tag.localeCompare(a.tag, "en", { numeric: true }),
  )[0];
}
