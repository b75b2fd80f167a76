// What maintainers do to releases in the UI: create (published, prerelease, draft), edit, publish, unpublish, delete.
import type { PushEvent, ReleaseEvent } from "@octokit/webhooks-types";
import { releaseJson } from "./representations.js";
import { createRelease, deleteRelease, editRelease, unpublishRelease, type ReleaseEdit, type ReleaseOutcome } from "./releases.js";
import { defaultHuman } from "./repo-actions.js";
import type { ReleaseRecord, Repo, World } from "./world.js";

export interface CreateReleaseOptions {
  repo: string;
  tag: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
  /** Branch or sha to tag when the tag does not exist (default: the default branch). */
  target?: string;
  /** Login of the author (default octocat). */
  author?: string;
  /** created_at; GitHub uses the tagged commit's date. Default: now. */
  createdAt?: string;
  makeLatest?: "true" | "false" | "legacy";
}

export interface ReleaseResult {
  id: number;
  tag: string;
  /** The release as the REST API shows it now. */
  release: ReturnType<typeof releaseJson>;
  /** `release` payloads in order (e.g. created, published, released). */
  payloads: ReleaseEvent[];
  /** The push of the tag GitHub created, if any. */
  tagPush: PushEvent | null;
}

function result(world: World, repo: Repo, outcome: ReleaseOutcome): ReleaseResult {
  world.changed("seed");
  const r = outcome.release;
  return { id: r.id, tag: r.tag, release: releaseJson(world, repo, r), payloads: outcome.payloads, tagPush: outcome.tagPush };
}

export function addRelease(world: World, o: CreateReleaseOptions): ReleaseResult {
  const repo = world.requireRepo(o.repo);
  const outcome = createRelease(
    world,
    repo,
    {
      tag: o.tag,
      target: o.target,
      name: o.name,
      body: o.body,
      draft: o.draft,
      prerelease: o.prerelease,
      author: world.account(o.author ?? defaultHuman),
      createdAt: o.createdAt,
      makeLatest: o.makeLatest,
    },
    "seed",
  );
  return result(world, repo, outcome);
}

export interface ReleaseSelector {
  repo: string;
  /** The release's tag, or its id. */
  release: string | number;
  /** Login of whoever does it (default octocat). */
  by?: string;
}

function find(world: World, s: ReleaseSelector): { repo: Repo; release: ReleaseRecord } {
  const repo = world.requireRepo(s.repo);
  const release = repo.releases.find((r) => (typeof s.release === "number" ? r.id === s.release : r.tag === s.release));
  if (!release) throw new Error(`simulator: no release ${s.release} in ${s.repo}`);
  return { repo, release };
}

/** Edits tag, name, body, prerelease; `draft: false` publishes a draft, `draft: true` unpublishes. */
export function changeRelease(world: World, s: ReleaseSelector & ReleaseEdit): ReleaseResult {
  const { repo, release } = find(world, s);
  return result(world, repo, editRelease(world, repo, release, s, world.account(s.by ?? defaultHuman), "seed"));
}

export function unpublish(world: World, s: ReleaseSelector): ReleaseResult {
  const { repo, release } = find(world, s);
  return result(world, repo, unpublishRelease(world, repo, release, world.account(s.by ?? defaultHuman), "seed"));
}

export function removeRelease(world: World, s: ReleaseSelector): ReleaseResult {
  const { repo, release } = find(world, s);
  return result(world, repo, deleteRelease(world, repo, release, world.account(s.by ?? defaultHuman), "seed"));
}
