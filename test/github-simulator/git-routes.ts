// Git data API: blobs, trees (base_tree, deletions), commits (bot-signed defaults) and refs (fast-forward rules).
import { actor } from "./auth.js";
import { wrappedBase64 } from "./contents-routes.js";
import type { EntryMode, EntryType, PathEdit, Signature } from "./git-objects.js";
import { changeRef, fullRef, resolveCommitish } from "./refs.js";
import { nodeId, repoApiUrl, repoHtmlUrl } from "./representations.js";
import {
  created,
  noContent,
  notFound,
  ok,
  requireString,
  unprocessable,
  validationFailed,
  type Reply,
  type Route,
  type RouteContext,
} from "./router.js";
import type { Repo, World } from "./world.js";

function createBlob(ctx: RouteContext): Reply {
  const content = requireString(ctx.req.body, "content", "Blob");
  const encoding = ctx.req.body.encoding ?? "utf-8";
  if (encoding !== "utf-8" && encoding !== "utf8" && encoding !== "base64") {
    throw validationFailed({ resource: "Blob", code: "invalid", field: "encoding" });
  }
  const buf = encoding === "base64" ? Buffer.from(content, "base64") : Buffer.from(content, "utf8");
  const sha = ctx.repo.objects.putBlob(buf);
  const url = `${repoApiUrl(ctx.world, ctx.repo)}/git/blobs/${sha}`;
  return created({ url, sha }, url);
}

function getBlob(ctx: RouteContext): Reply {
  const sha = ctx.params.file_sha as string;
  const blob = ctx.repo.objects.blob(sha);
  if (!blob) throw notFound();
  return ok({
    sha,
    node_id: nodeId("B", parseInt(sha.slice(0, 8), 16)),
    size: blob.content.length,
    url: `${repoApiUrl(ctx.world, ctx.repo)}/git/blobs/${sha}`,
    content: wrappedBase64(blob.content),
    encoding: "base64",
  });
}

const modes: EntryMode[] = ["100644", "100755", "040000", "160000", "120000"];

function parseTreeEntry(repo: Repo, raw: unknown): [string, PathEdit] {
  if (typeof raw !== "object" || raw === null) throw unprocessable("Invalid tree info");
  const e = raw as Record<string, unknown>;
  const path = typeof e.path === "string" ? e.path.replace(/^\/+|\/+$/g, "") : "";
  const mode = String(e.mode ?? "") as EntryMode;
  if (!path || !modes.includes(mode)) throw unprocessable("Invalid tree info");
  const hasContent = typeof e.content === "string";
  if ("sha" in e && e.sha === null) return [path, null];
  if (hasContent && e.sha !== undefined) throw unprocessable("Invalid tree info");
  if (hasContent) return [path, { content: Buffer.from(e.content as string, "utf8"), mode }];
  if (typeof e.sha !== "string" || !repo.objects.has(e.sha)) throw unprocessable("GitRPC::BadObjectState");
  return [path, { sha: e.sha, mode, type: e.type as EntryType | undefined }];
}

function treeEntriesJson(ctx: RouteContext, treeSha: string, recursive: boolean, prefix = ""): Array<Record<string, unknown>> {
  const api = repoApiUrl(ctx.world, ctx.repo);
  const out: Array<Record<string, unknown>> = [];
  for (const e of ctx.repo.objects.tree(treeSha)?.entries ?? []) {
    const path = prefix ? `${prefix}/${e.name}` : e.name;
    const json: Record<string, unknown> = { path, mode: e.mode, type: e.type, sha: e.sha };
    if (e.type === "blob") json.size = ctx.repo.objects.blob(e.sha)?.content.length ?? 0;
    json.url = `${api}/git/${e.type === "tree" ? "trees" : "blobs"}/${e.sha}`;
    if (e.type === "commit") delete json.url;
    out.push(json);
    if (recursive && e.type === "tree") out.push(...treeEntriesJson(ctx, e.sha, true, path));
  }
  return out;
}

function treeJson(ctx: RouteContext, sha: string, recursive: boolean) {
  return {
    sha,
    url: `${repoApiUrl(ctx.world, ctx.repo)}/git/trees/${sha}`,
    tree: treeEntriesJson(ctx, sha, recursive),
    truncated: false,
  };
}

function createTree(ctx: RouteContext): Reply {
  const { body } = ctx.req;
  if (!Array.isArray(body.tree)) throw validationFailed({ resource: "Tree", code: "missing_field", field: "tree" });
  let base: string | null = null;
  if (body.base_tree !== undefined && body.base_tree !== null) {
    base = treeOf(ctx.repo, String(body.base_tree)) ?? null;
    if (!base) throw unprocessable("Invalid tree info");
  }
  const edits = new Map(body.tree.map((raw) => parseTreeEntry(ctx.repo, raw)));
  const sha = ctx.repo.objects.editTree(base, edits);
  return created(treeJson(ctx, sha, false), `${repoApiUrl(ctx.world, ctx.repo)}/git/trees/${sha}`);
}

/** A tree sha from a tree sha, commit sha or ref name, as GET git/trees accepts. */
function treeOf(repo: Repo, spec: string): string | undefined {
  if (repo.objects.tree(spec)) return spec;
  const commit = resolveCommitish(repo, spec);
  return commit ? repo.objects.commit(commit)?.tree : undefined;
}

function getTree(ctx: RouteContext): Reply {
  const sha = treeOf(ctx.repo, ctx.params.tree_sha as string);
  if (!sha) throw notFound();
  const recursive = ["1", "true"].includes(ctx.req.query.get("recursive") ?? "");
  return ok(treeJson(ctx, sha, recursive));
}

function parseSignature(world: World, raw: unknown, field: string): Signature | undefined {
  if (raw === undefined || raw === null) return undefined;
  const s = raw as Record<string, unknown>;
  if (typeof s.name !== "string" || typeof s.email !== "string") {
    throw validationFailed({ resource: "Commit", code: "invalid", field });
  }
  const date = typeof s.date === "string" ? new Date(s.date).toISOString().replace(/\.\d{3}Z$/, "Z") : world.isoNow();
  return { name: s.name, email: s.email, date };
}

export function gitCommitJson(world: World, repo: Repo, sha: string) {
  const c = repo.objects.commit(sha);
  if (!c) throw notFound();
  const api = repoApiUrl(world, repo);
  return {
    sha,
    node_id: nodeId("C", parseInt(sha.slice(0, 8), 16)),
    url: `${api}/git/commits/${sha}`,
    html_url: `${repoHtmlUrl(world, repo)}/commit/${sha}`,
    author: c.author,
    committer: c.committer,
    tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
    message: c.message,
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/git/commits/${p}`, html_url: `${repoHtmlUrl(world, repo)}/commit/${p}` })),
    verification: c.verification,
  };
}

function createCommit(ctx: RouteContext): Reply {
  const { world, repo } = ctx;
  const message = requireString(ctx.req.body, "message", "Commit");
  const tree = requireString(ctx.req.body, "tree", "Commit");
  if (!repo.objects.tree(tree)) throw unprocessable("Tree SHA does not exist");
  const parents = Array.isArray(ctx.req.body.parents) ? ctx.req.body.parents.map(String) : [];
  for (const p of parents) if (!repo.objects.commit(p)) throw unprocessable("Parent SHA does not exist or is not a commit object");
  const givenAuthor = parseSignature(world, ctx.req.body.author, "author");
  const givenCommitter = parseSignature(world, ctx.req.body.committer, "committer");
  const author = givenAuthor ?? world.signatureOf(actor(ctx));
  const committer = givenCommitter ?? author;
  // GitHub signs an app's API commits only when it supplies no custom author or committer.
  const signed = ctx.caller.kind === "installation" && !givenAuthor && !givenCommitter;
  const sha = repo.objects.putCommit({
    tree,
    parents,
    author,
    committer,
    message,
    verification: signed
      ? { verified: true, reason: "valid", signature: "-----BEGIN PGP SIGNATURE-----\n\nsimulated\n-----END PGP SIGNATURE-----", payload: message, verified_at: world.isoNow() }
      : { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  });
  return created(gitCommitJson(world, repo, sha), `${repoApiUrl(world, repo)}/git/commits/${sha}`);
}

export function refJson(world: World, repo: Repo, ref: string, sha: string) {
  const api = repoApiUrl(world, repo);
  return {
    ref,
    node_id: nodeId("REF", ref.length),
    url: `${api}/git/${ref}`,
    object: { sha, type: "commit", url: `${api}/git/commits/${sha}` },
  };
}

function getRef(ctx: RouteContext): Reply {
  const ref = `refs/${ctx.params.ref}`;
  const sha = ctx.repo.refs.get(ref);
  if (!sha) throw notFound();
  return ok(refJson(ctx.world, ctx.repo, ref, sha));
}

function matchingRefs(ctx: RouteContext): Reply {
  const prefix = `refs/${ctx.params.ref ?? ""}`;
  const refs = [...ctx.repo.refs].filter(([name]) => name.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
  return ok(refs.map(([name, sha]) => refJson(ctx.world, ctx.repo, name, sha)));
}

/** A protected branch is moved only through pull requests (GitHub answers "Protected branch update failed"). */
function refuseProtected(ctx: RouteContext, ref: string): void {
  const branch = ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null;
  if (branch !== null && ctx.repo.protectedBranches.has(branch)) throw unprocessable(`Protected branch update failed for ${ref}.`);
}

function createRef(ctx: RouteContext): Reply {
  const ref = requireString(ctx.req.body, "ref", "Reference");
  const sha = requireString(ctx.req.body, "sha", "Reference");
  if (!/^refs\/[^/]+\/.+/.test(ref)) throw unprocessable("Reference name is invalid");
  if (ctx.repo.refs.has(ref)) throw unprocessable("Reference already exists");
  if (!ctx.repo.objects.commit(sha)) throw unprocessable("Object does not exist");
  changeRef(ctx.world, { repo: ctx.repo, ref, after: sha, sender: actor(ctx), cause: "request" });
  return created(refJson(ctx.world, ctx.repo, ref, sha), `${repoApiUrl(ctx.world, ctx.repo)}/git/${ref}`);
}

function updateRef(ctx: RouteContext): Reply {
  const ref = fullRef(ctx.params.ref as string);
  const sha = requireString(ctx.req.body, "sha", "Reference");
  const current = ctx.repo.refs.get(ref);
  if (!current) throw unprocessable("Reference does not exist");
  refuseProtected(ctx, ref);
  if (!ctx.repo.objects.commit(sha)) throw unprocessable("Object does not exist");
  const force = ctx.req.body.force === true;
  if (!force && !ctx.repo.objects.isAncestor(current, sha)) throw unprocessable("Update is not a fast forward");
  if (current !== sha) changeRef(ctx.world, { repo: ctx.repo, ref, after: sha, sender: actor(ctx), cause: "request" });
  return ok(refJson(ctx.world, ctx.repo, ref, sha));
}

function deleteRef(ctx: RouteContext): Reply {
  const ref = fullRef(ctx.params.ref as string);
  if (!ctx.repo.refs.has(ref)) throw unprocessable("Reference does not exist");
  refuseProtected(ctx, ref);
  changeRef(ctx.world, { repo: ctx.repo, ref, after: null, sender: actor(ctx), cause: "request" });
  return noContent();
}

const read: ["contents", "read"] = ["contents", "read"];
const write: ["contents", "write"] = ["contents", "write"];
const r = "/repos/{owner}/{repo}/git";

export const gitRoutes: Route[] = [
  { method: "POST", template: `${r}/blobs`, auth: "installation", permission: write, handler: createBlob },
  { method: "GET", template: `${r}/blobs/{file_sha}`, auth: "installation", permission: read, handler: getBlob },
  { method: "POST", template: `${r}/trees`, auth: "installation", permission: write, handler: createTree },
  { method: "GET", template: `${r}/trees/{tree_sha*}`, auth: "installation", permission: read, handler: getTree },
  { method: "POST", template: `${r}/commits`, auth: "installation", permission: write, handler: createCommit },
  {
    method: "GET",
    template: `${r}/commits/{commit_sha}`,
    auth: "installation",
    permission: read,
    handler: (ctx) => ok(gitCommitJson(ctx.world, ctx.repo, ctx.params.commit_sha as string)),
  },
  { method: "GET", template: `${r}/ref/{ref*}`, auth: "installation", permission: read, handler: getRef },
  { method: "GET", template: `${r}/matching-refs/{ref*}`, auth: "installation", permission: read, handler: matchingRefs },
  { method: "POST", template: `${r}/refs`, auth: "installation", permission: write, handler: createRef },
  { method: "PATCH", template: `${r}/refs/{ref*}`, auth: "installation", permission: write, handler: updateRef },
  { method: "DELETE", template: `${r}/refs/{ref*}`, auth: "installation", permission: write, handler: deleteRef },
];
