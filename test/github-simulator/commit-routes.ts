// Commits (list with sha/path filters, get with files), compare base...head, and branches.
import { fileDiff } from "./file-diff.js";
import type { TreeChange } from "./git-objects.js";
import { resolveCommitish } from "./refs.js";
import { nodeId, repoApiUrl, repoHtmlUrl, userJson } from "./representations.js";
import { HttpError, errorBody, notFound, ok, pageReply, paginate, type Reply, type Route, type RouteContext } from "./router.js";
import type { Repo, World } from "./world.js";

/** One entry of a commit's, comparison's or pull request's `files`. */
export function fileJson(world: World, repo: Repo, ref: string, change: TreeChange) {
  const d = fileDiff(repo, change.before?.sha ?? null, change.after?.sha ?? null);
  const html = repoHtmlUrl(world, repo);
  const json: Record<string, unknown> = {
    sha: (change.after ?? change.before)?.sha ?? "",
    filename: change.path,
    status: change.status,
    additions: d.additions,
    deletions: d.deletions,
    changes: d.additions + d.deletions,
    blob_url: `${html}/blob/${ref}/${change.path}`,
    raw_url: `${html}/raw/${ref}/${change.path}`,
    contents_url: `${repoApiUrl(world, repo)}/contents/${change.path}?ref=${ref}`,
  };
  if (d.patch !== undefined) json.patch = d.patch;
  return json;
}

/** A commit as the commits API shows it; `withFiles` adds `stats` and `files` (single-commit GET). */
export function commitJson(world: World, repo: Repo, sha: string, withFiles = false) {
  const c = repo.objects.commit(sha);
  if (!c) throw notFound();
  const api = repoApiUrl(world, repo);
  const html = repoHtmlUrl(world, repo);
  const author = world.accountByEmail(c.author.email);
  const committer = world.accountByEmail(c.committer.email);
  const json: Record<string, unknown> = {
    sha,
    node_id: nodeId("C", parseInt(sha.slice(0, 8), 16)),
    commit: {
      author: c.author,
      committer: c.committer,
      message: c.message,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      url: `${api}/git/commits/${sha}`,
      comment_count: 0,
      verification: c.verification,
    },
    url: `${api}/commits/${sha}`,
    html_url: `${html}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    author: author ? userJson(world, author) : null,
    committer: committer ? userJson(world, committer) : null,
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}`, html_url: `${html}/commit/${p}` })),
  };
  if (withFiles) {
    const files = repo.objects.commitChanges(sha).map((ch) => fileJson(world, repo, sha, ch));
    const additions = files.reduce((s, f) => s + (f.additions as number), 0);
    const deletions = files.reduce((s, f) => s + (f.deletions as number), 0);
    json.stats = { total: additions + deletions, additions, deletions };
    json.files = files;
  }
  return json;
}

function touches(repo: Repo, sha: string, path: string): boolean {
  return repo.objects.commitChanges(sha).some((ch) => ch.path === path || ch.path.startsWith(`${path}/`));
}

// Path filtering compares each commit with its first parent; git's merge simplification is not modelled.
function listCommits(ctx: RouteContext): Reply {
  const { repo } = ctx;
  if (repo.refs.size === 0) throw new HttpError(409, errorBody(409, "Git Repository is empty."));
  const spec = ctx.req.query.get("sha") || repo.defaultBranch;
  const head = resolveCommitish(repo, spec);
  if (!head) throw new HttpError(404, errorBody(404, `No commit found for SHA: ${spec}`));
  let shas = repo.objects.range(head, []);
  const path = ctx.req.query.get("path")?.replace(/^\/+|\/+$/g, "");
  if (path) shas = shas.filter((s) => touches(repo, s, path));
  const author = ctx.req.query.get("author");
  if (author) shas = shas.filter((s) => matchesAuthor(ctx.world, repo, s, author));
  return pageReply(ctx, shas.map((s) => commitJson(ctx.world, repo, s)));
}

function matchesAuthor(world: World, repo: Repo, sha: string, who: string): boolean {
  const c = repo.objects.commit(sha);
  if (!c) return false;
  const login = world.accountByEmail(c.author.email)?.login;
  return c.author.email.toLowerCase() === who.toLowerCase() || login?.toLowerCase() === who.toLowerCase();
}

function getCommit(ctx: RouteContext): Reply {
  const ref = ctx.params.ref as string;
  const sha = resolveCommitish(ctx.repo, ref);
  if (!sha) throw new HttpError(422, errorBody(422, `No commit found for SHA: ${ref}`));
  return ok(commitJson(ctx.world, ctx.repo, sha, true));
}

function compareStatus(ahead: number, behind: number): string {
  if (ahead === 0 && behind === 0) return "identical";
  if (behind === 0) return "ahead";
  if (ahead === 0) return "behind";
  return "diverged";
}

function compare(ctx: RouteContext): Reply {
  const { world, repo } = ctx;
  const m = /^(.+?)\.{2,3}(.+)$/.exec(ctx.params.basehead as string);
  if (!m) throw notFound();
  const base = resolveCommitish(repo, m[1] as string);
  const head = resolveCommitish(repo, m[2] as string);
  if (!base || !head) throw notFound();
  const aheadShas = repo.objects.range(head, [base]);
  const behindShas = repo.objects.range(base, [head]);
  const mergeBase = repo.objects.mergeBase(base, head);
  const mergeTree = mergeBase ? (repo.objects.commit(mergeBase)?.tree ?? null) : null;
  const headTree = repo.objects.commit(head)?.tree ?? null;
  const page = paginate(ctx, aheadShas.slice(0, 250).reverse());
  const api = repoApiUrl(world, repo);
  const html = repoHtmlUrl(world, repo);
  return ok(
    {
      url: `${api}/compare/${ctx.params.basehead}`,
      html_url: `${html}/compare/${ctx.params.basehead}`,
      permalink_url: `${html}/compare/${repo.owner.login}:${base.slice(0, 7)}...${repo.owner.login}:${head.slice(0, 7)}`,
      diff_url: `${html}/compare/${ctx.params.basehead}.diff`,
      patch_url: `${html}/compare/${ctx.params.basehead}.patch`,
      base_commit: commitJson(world, repo, base),
      merge_base_commit: mergeBase ? commitJson(world, repo, mergeBase) : null,
      status: compareStatus(aheadShas.length, behindShas.length),
      ahead_by: aheadShas.length,
      behind_by: behindShas.length,
      total_commits: aheadShas.length,
      commits: page.items.map((s) => commitJson(world, repo, s)),
      files: repo.objects.diffTrees(mergeTree, headTree).map((ch) => fileJson(world, repo, head, ch)),
    },
    page.headers,
  );
}

function branchJson(ctx: RouteContext, name: string, sha: string) {
  const api = repoApiUrl(ctx.world, ctx.repo);
  return {
    name,
    commit: commitJson(ctx.world, ctx.repo, sha),
    _links: { self: `${api}/branches/${name}`, html: `${repoHtmlUrl(ctx.world, ctx.repo)}/tree/${name}` },
    protected: ctx.repo.protectedBranches.has(name),
    protection: { enabled: ctx.repo.protectedBranches.has(name), required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } },
    protection_url: `${api}/branches/${name}/protection`,
  };
}

function getBranch(ctx: RouteContext): Reply {
  const name = ctx.params.branch as string;
  const sha = ctx.repo.refs.get(`refs/heads/${name}`);
  if (!sha) throw new HttpError(404, errorBody(404, "Branch not found"));
  return ok(branchJson(ctx, name, sha));
}

function listBranches(ctx: RouteContext): Reply {
  const branches = [...ctx.repo.refs]
    .filter(([ref]) => ref.startsWith("refs/heads/"))
    .map(([ref, sha]) => ({ name: ref.slice("refs/heads/".length), sha }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const api = repoApiUrl(ctx.world, ctx.repo);
  return pageReply(
    ctx,
    branches.map((b) => ({ name: b.name, commit: { sha: b.sha, url: `${api}/commits/${b.sha}` }, protected: ctx.repo.protectedBranches.has(b.name) })),
  );
}

const read: ["contents", "read"] = ["contents", "read"];
const r = "/repos/{owner}/{repo}";

export const commitRoutes: Route[] = [
  { method: "GET", template: `${r}/commits`, auth: "installation", permission: read, handler: listCommits },
  { method: "GET", template: `${r}/commits/{ref}`, auth: "installation", permission: read, handler: getCommit },
  { method: "GET", template: `${r}/compare/{basehead*}`, auth: "installation", permission: read, handler: compare },
  { method: "GET", template: `${r}/branches`, auth: "installation", permission: read, handler: listBranches },
  { method: "GET", template: `${r}/branches/{branch*}`, auth: "installation", permission: read, handler: getBranch },
];
