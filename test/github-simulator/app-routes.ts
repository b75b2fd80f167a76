// App and installation endpoints (JWT), installation tokens, /rate_limit, users, the repository itself and collaborator permission.
import { issueToken, requireApp } from "./auth.js";
import { nodeId, repoJson, repoRestJson, userJson } from "./representations.js";
import { created, notFound, ok, pageReply, unprocessable, type Route, type RouteContext } from "./router.js";
import type { AccessLevel, Installation, Permission, Repo, World } from "./world.js";

export function installationJson(world: World, i: Installation) {
  const api = `${world.urls.api}/app/installations/${i.id}`;
  return {
    id: i.id,
    client_id: `Iv1.${world.app.id.toString(16).padStart(16, "0")}`,
    account: userJson(world, i.account),
    repository_selection: "all",
    access_tokens_url: `${api}/access_tokens`,
    repositories_url: `${world.urls.api}/installation/repositories`,
    html_url: `${world.urls.web}/organizations/${i.account.login}/settings/installations/${i.id}`,
    app_id: world.app.id,
    app_slug: world.app.slug,
    target_id: i.account.id,
    target_type: i.account.type,
    permissions: i.permissions,
    events: ["issue_comment", "pull_request", "push", "release"],
    created_at: i.createdAt,
    updated_at: i.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

function appJson(world: World) {
  const owner = world.account("simulator-app-owner", "Organization");
  return {
    id: world.app.id,
    slug: world.app.slug,
    client_id: `Iv1.${world.app.id.toString(16).padStart(16, "0")}`,
    node_id: nodeId("A", world.app.id),
    owner: userJson(world, owner),
    name: world.app.name,
    description: "",
    external_url: world.urls.web,
    html_url: `${world.urls.web}/apps/${world.app.slug}`,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    permissions: { contents: "write", pull_requests: "write", issues: "write", statuses: "write", checks: "write", actions: "read", metadata: "read" },
    events: ["issue_comment", "pull_request", "push", "release", "workflow_run"],
    installations_count: world.installations.size,
  };
}

function installationOf(world: World, login: string): Installation {
  const account = world.accounts.get(login.toLowerCase());
  const installation = account ? world.installationFor(account) : undefined;
  if (!installation) throw notFound();
  return installation;
}

function narrowRepositories(world: World, i: Installation, body: Record<string, unknown>): number[] | null {
  const names = Array.isArray(body.repositories) ? body.repositories.map(String) : null;
  const ids = Array.isArray(body.repository_ids) ? body.repository_ids.map(Number) : null;
  if (!names && !ids) return null;
  const owned = [...world.repos.values()].filter((r) => r.owner.id === i.account.id);
  const out: number[] = [];
  for (const n of names ?? []) out.push(findOwned(owned, (r) => r.name.toLowerCase() === n.toLowerCase()).id);
  for (const id of ids ?? []) out.push(findOwned(owned, (r) => r.id === id).id);
  return out;
}

function findOwned(owned: Repo[], pred: (r: Repo) => boolean): Repo {
  const r = owned.find(pred);
  if (!r) throw unprocessable("There is at least one repository that does not exist or is not accessible to the parent installation.");
  return r;
}

function narrowPermissions(i: Installation, body: Record<string, unknown>): Record<string, AccessLevel> {
  if (typeof body.permissions !== "object" || body.permissions === null) return { ...i.permissions };
  const asked = body.permissions as Record<string, string>;
  const out: Record<string, AccessLevel> = {};
  for (const [scope, level] of Object.entries(asked)) {
    const granted = i.permissions[scope];
    if (!granted || (level === "write" && granted !== "write") || (level !== "read" && level !== "write")) {
      throw unprocessable("The permissions requested are not granted to this installation.");
    }
    out[scope] = level;
  }
  return out;
}

function createToken(ctx: RouteContext) {
  requireApp(ctx.caller);
  const installation = ctx.world.installations.get(Number(ctx.params.installation_id));
  if (!installation) throw notFound();
  const repositoryIds = narrowRepositories(ctx.world, installation, ctx.req.body);
  const permissions = narrowPermissions(installation, ctx.req.body);
  const token = issueToken(ctx.world, installation, repositoryIds, permissions);
  const body: Record<string, unknown> = {
    token: token.token,
    expires_at: new Date(token.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
    permissions,
    repository_selection: repositoryIds ? "selected" : "all",
  };
  if (repositoryIds) {
    body.repositories = [...ctx.world.repos.values()].filter((r) => repositoryIds.includes(r.id)).map((r) => repoJson(ctx.world, r));
  }
  return created(body);
}

function rateLimitJson(ctx: RouteContext) {
  const b = ctx.rate;
  const core = { limit: b.limit, used: b.used, remaining: Math.max(0, b.limit - b.used), reset: b.reset, resource: "core" };
  const other = (resource: string, limit: number) => ({ limit, used: 0, remaining: limit, reset: b.reset, resource });
  return {
    resources: {
      core,
      search: other("search", 30),
      graphql: other("graphql", 5000),
      integration_manifest: other("integration_manifest", 5000),
      code_search: other("code_search", 10),
    },
    rate: core,
  };
}

/** GET /users/{username}: any credentials (or none); only accounts the simulator knows exist. */
function publicUser(ctx: RouteContext) {
  const account = ctx.world.accounts.get((ctx.params.username as string).toLowerCase());
  if (!account) throw notFound();
  return ok({
    ...userJson(ctx.world, account),
    name: account.type === "Bot" ? null : account.name,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: [...ctx.world.repos.values()].filter((r) => r.owner.id === account.id && !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
  });
}

const basePermission: Record<Permission, "admin" | "write" | "read"> = {
  admin: "admin",
  maintain: "write",
  write: "write",
  triage: "read",
  read: "read",
};

function collaboratorPermission(ctx: RouteContext) {
  const { world, repo } = ctx;
  const user = world.account(ctx.params.username as string);
  const role: Permission | undefined =
    user.id === repo.owner.id ? "admin" : repo.collaborators.get(user.login.toLowerCase());
  // Outside collaborators of a public repository can still read it; of a private one, nothing.
  const permission = role ? basePermission[role] : repo.private ? "none" : "read";
  const roleName = role ?? permission;
  const level = ["none", "read", "triage", "write", "maintain", "admin"].indexOf(roleName);
  return ok({
    permission,
    role_name: roleName,
    user: {
      ...userJson(world, user),
      permissions: { admin: level >= 5, maintain: level >= 4, push: level >= 3, triage: level >= 2, pull: level >= 1 },
      role_name: roleName,
    },
  });
}

export const appRoutes: Route[] = [
  {
    method: "GET",
    template: "/app",
    auth: "app",
    handler: (ctx) => (requireApp(ctx.caller), ok(appJson(ctx.world))),
  },
  {
    method: "GET",
    template: "/app/installations",
    auth: "app",
    handler: (ctx) => (requireApp(ctx.caller), pageReply(ctx, [...ctx.world.installations.values()].map((i) => installationJson(ctx.world, i)))),
  },
  {
    method: "GET",
    template: "/app/installations/{installation_id}",
    auth: "app",
    handler: (ctx) => {
      requireApp(ctx.caller);
      const i = ctx.world.installations.get(Number(ctx.params.installation_id));
      if (!i) throw notFound();
      return ok(installationJson(ctx.world, i));
    },
  },
  { method: "POST", template: "/app/installations/{installation_id}/access_tokens", auth: "app", handler: createToken },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/installation",
    auth: "app",
    handler: (ctx) => {
      requireApp(ctx.caller);
      const repo = ctx.world.repo(`${ctx.params.owner}/${ctx.params.repo}`);
      const i = repo ? ctx.world.installationFor(repo.owner) : undefined;
      if (!i) throw notFound();
      return ok(installationJson(ctx.world, i));
    },
  },
  {
    method: "GET",
    template: "/orgs/{org}/installation",
    auth: "app",
    handler: (ctx) => (requireApp(ctx.caller), ok(installationJson(ctx.world, installationOf(ctx.world, ctx.params.org as string)))),
  },
  {
    method: "GET",
    template: "/users/{username}/installation",
    auth: "app",
    handler: (ctx) => (requireApp(ctx.caller), ok(installationJson(ctx.world, installationOf(ctx.world, ctx.params.username as string)))),
  },
  { method: "GET", template: "/rate_limit", auth: "public", handler: (ctx) => ok(rateLimitJson(ctx)) },
  { method: "GET", template: "/users/{username}", auth: "public", handler: publicUser },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}",
    auth: "installation",
    permission: ["metadata", "read"],
    handler: (ctx) => ok(repoRestJson(ctx.world, ctx.repo)),
  },
  {
    method: "GET",
    template: "/repos/{owner}/{repo}/collaborators/{username}/permission",
    auth: "installation",
    permission: ["metadata", "read"],
    handler: collaboratorPermission,
  },
];
