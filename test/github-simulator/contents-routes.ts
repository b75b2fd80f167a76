// GET contents: files (base64, blob sha), directories, raw media type; `ref` may be a branch, tag or sha.
import type { TreeEntry } from "./git-objects.js";
import { resolveCommitish } from "./refs.js";
import { repoApiUrl, repoHtmlUrl } from "./representations.js";
import { HttpError, errorBody, notFound, ok, type Reply, type Route, type RouteContext } from "./router.js";

const oneMegabyte = 1024 * 1024;

/** GitHub wraps base64 content at 60 columns and ends it with a newline. */
export function wrappedBase64(content: Buffer): string {
  const b64 = content.toString("base64");
  if (b64 === "") return "";
  return `${b64.match(/.{1,60}/g)?.join("\n") ?? ""}\n`;
}

function typeOf(entry: TreeEntry): string {
  if (entry.type === "tree") return "dir";
  if (entry.type === "commit") return "submodule";
  return entry.mode === "120000" ? "symlink" : "file";
}

function entryJson(ctx: RouteContext, ref: string, path: string, entry: TreeEntry, withContent: boolean) {
  const api = repoApiUrl(ctx.world, ctx.repo);
  const html = `${repoHtmlUrl(ctx.world, ctx.repo)}/${entry.type === "tree" ? "tree" : "blob"}/${ref}/${path}`;
  const url = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const git = `${api}/git/${entry.type === "tree" ? "trees" : "blobs"}/${entry.sha}`;
  const blob = entry.type === "blob" ? ctx.repo.objects.blob(entry.sha) : undefined;
  const size = blob?.content.length ?? 0;
  const json: Record<string, unknown> = {
    type: typeOf(entry),
    size,
    name: path.split("/").pop() ?? path,
    path,
    sha: entry.sha,
    url,
    git_url: git,
    html_url: html,
    download_url: entry.type === "blob" ? `${ctx.world.urls.web}/raw/${ctx.repo.owner.login}/${ctx.repo.name}/${ref}/${path}` : null,
  };
  if (withContent && blob) {
    const tooBig = size > oneMegabyte;
    json.content = tooBig ? "" : wrappedBase64(blob.content);
    json.encoding = tooBig ? "none" : "base64";
  }
  json._links = { self: url, git, html };
  return json;
}

function wantsRaw(ctx: RouteContext): boolean {
  const accept = String(ctx.req.headers.accept ?? "");
  return /application\/vnd\.github(\.v3)?\.raw/.test(accept);
}

function getContents(ctx: RouteContext): Reply {
  const ref = ctx.req.query.get("ref") || ctx.repo.defaultBranch;
  const sha = resolveCommitish(ctx.repo, ref);
  if (!sha) throw new HttpError(404, errorBody(404, `No commit found for the ref ${ref}`));
  const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
  const commit = ctx.repo.objects.commit(sha);
  const entry = commit ? ctx.repo.objects.entryAt(commit.tree, path) : undefined;
  if (!entry) throw notFound();
  if (entry.type === "tree") {
    const tree = ctx.repo.objects.tree(entry.sha);
    const children = (tree?.entries ?? []).map((e) => entryJson(ctx, ref, path ? `${path}/${e.name}` : e.name, e, false));
    return ok(children);
  }
  if (wantsRaw(ctx) && entry.type === "blob") {
    const blob = ctx.repo.objects.blob(entry.sha);
    return { status: 200, text: blob?.content.toString("utf8") ?? "", headers: { "content-type": "text/plain; charset=utf-8" } };
  }
  return ok(entryJson(ctx, ref, path, entry, true));
}

export const contentsRoutes: Route[] = [
  { method: "GET", template: "/repos/{owner}/{repo}/contents/{path*}", auth: "installation", permission: ["contents", "read"], handler: getContents },
  { method: "GET", template: "/repos/{owner}/{repo}/contents", auth: "installation", permission: ["contents", "read"], handler: getContents },
];
