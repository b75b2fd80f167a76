// Releases API: list (drafts only for contents:write), latest, by tag, by id, and create/update/delete.
import { actor, hasPermission } from "./auth.js";
import { createRelease, deleteRelease, editRelease, latestRelease, sortedReleases, type ReleaseEdit } from "./releases.js";
import { releaseJson } from "./representations.js";
import { created, noContent, notFound, ok, pageReply, stringField, validationFailed, type Reply, type Route, type RouteContext } from "./router.js";
import type { ReleaseRecord } from "./world.js";

/** GitHub lists drafts only to callers with push access; for an app that is contents:write. */
function canSeeDrafts(ctx: RouteContext): boolean {
  return hasPermission(ctx.caller, "contents", "write");
}

function visible(ctx: RouteContext): ReleaseRecord[] {
  const drafts = canSeeDrafts(ctx);
  return sortedReleases(ctx.repo).filter((r) => drafts || !r.draft);
}

function byId(ctx: RouteContext): ReleaseRecord {
  const r = visible(ctx).find((x) => x.id === Number(ctx.params.release_id));
  if (!r) throw notFound();
  return r;
}

function makeLatest(v: unknown): ReleaseEdit["makeLatest"] {
  return v === "true" || v === "false" || v === "legacy" ? v : undefined;
}

function createRoute(ctx: RouteContext): Reply {
  const tag = stringField(ctx.req.body, "tag_name");
  if (!tag) throw validationFailed({ resource: "Release", code: "missing_field", field: "tag_name" });
  if (ctx.repo.releases.some((r) => r.tag === tag && !r.draft)) {
    throw validationFailed({ resource: "Release", code: "already_exists", field: "tag_name" });
  }
  const { release } = createRelease(
    ctx.world,
    ctx.repo,
    {
      tag,
      target: stringField(ctx.req.body, "target_commitish"),
      name: stringField(ctx.req.body, "name"),
      body: stringField(ctx.req.body, "body"),
      draft: ctx.req.body.draft === true,
      prerelease: ctx.req.body.prerelease === true,
      author: actor(ctx),
      makeLatest: makeLatest(ctx.req.body.make_latest),
    },
    "request",
  );
  const json = releaseJson(ctx.world, ctx.repo, release);
  return created(json, json.url);
}

function updateRoute(ctx: RouteContext): Reply {
  const r = byId(ctx);
  const b = ctx.req.body;
  const edit: ReleaseEdit = {
    tag: stringField(b, "tag_name"),
    name: stringField(b, "name"),
    body: stringField(b, "body"),
    target: stringField(b, "target_commitish"),
    prerelease: typeof b.prerelease === "boolean" ? b.prerelease : undefined,
    draft: typeof b.draft === "boolean" ? b.draft : undefined,
    makeLatest: makeLatest(b.make_latest),
  };
  editRelease(ctx.world, ctx.repo, r, edit, actor(ctx), "request");
  return ok(releaseJson(ctx.world, ctx.repo, r));
}

const read: ["contents", "read"] = ["contents", "read"];
const write: ["contents", "write"] = ["contents", "write"];
const r = "/repos/{owner}/{repo}/releases";

export const releaseRoutes: Route[] = [
  {
    method: "GET",
    template: r,
    auth: "installation",
    permission: read,
    handler: (ctx) => pageReply(ctx, visible(ctx).map((x) => releaseJson(ctx.world, ctx.repo, x))),
  },
  {
    method: "GET",
    template: `${r}/latest`,
    auth: "installation",
    permission: read,
    handler: (ctx) => {
      const latest = latestRelease(ctx.repo);
      if (!latest) throw notFound();
      return ok(releaseJson(ctx.world, ctx.repo, latest));
    },
  },
  {
    method: "GET",
    template: `${r}/tags/{tag*}`,
    auth: "installation",
    permission: read,
    handler: (ctx) => {
      const found = ctx.repo.releases.find((x) => x.tag === ctx.params.tag && !x.draft);
      if (!found) throw notFound();
      return ok(releaseJson(ctx.world, ctx.repo, found));
    },
  },
  { method: "GET", template: `${r}/{release_id}`, auth: "installation", permission: read, handler: (ctx) => ok(releaseJson(ctx.world, ctx.repo, byId(ctx))) },
  { method: "POST", template: r, auth: "installation", permission: write, handler: createRoute },
  { method: "PATCH", template: `${r}/{release_id}`, auth: "installation", permission: write, handler: updateRoute },
  {
    method: "DELETE",
    template: `${r}/{release_id}`,
    auth: "installation",
    permission: write,
    handler: (ctx) => (deleteRelease(ctx.world, ctx.repo, byId(ctx), actor(ctx), "request"), noContent()),
  },
];

