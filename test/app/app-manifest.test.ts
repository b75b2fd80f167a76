// app.yml asks for exactly what the code uses: every GitHub route it calls is permitted, every subscribed event is handled and back.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { emitterEventNames } from "@octokit/webhooks";
import pino from "pino";
import { ProbotOctokit } from "probot";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { Bot } from "../../src/app/bot.js";
import { createMetrics } from "../../src/app/metrics.js";
import type { GitHubAccessProvider } from "../../src/github/github-access.js";
import { parseRepository } from "../../src/github/repository.js";
import { actionsRoutes } from "../github-simulator/actions-routes.js";
import { appRoutes } from "../github-simulator/app-routes.js";
import { checkRoutes } from "../github-simulator/check-routes.js";
import { commitRoutes } from "../github-simulator/commit-routes.js";
import { contentsRoutes } from "../github-simulator/contents-routes.js";
import { gitRoutes } from "../github-simulator/git-routes.js";
import { issueRoutes } from "../github-simulator/issue-routes.js";
import { pullRoutes } from "../github-simulator/pull-routes.js";
import { releaseRoutes } from "../github-simulator/release-routes.js";
import { projectRoot } from "../fixtures.js";
import { GITHUB_SERVER_URL } from "../../src/web-links.js";

type Level = "read" | "write";
/** Who may call a route: the app's JWT, anyone (public data), or an installation holding one of these permissions. */
type Access = "app" | "public" | readonly (readonly [permission: string, level: Level])[];

/**
 * What GitHub requires for each route the bot may call, from "Permissions required for GitHub Apps"
 * (docs.github.com/en/rest/authentication/permissions-required-for-github-apps). A new call the
 * code makes fails this test until its route is added here, after checking those docs.
 */
const routePermissions: Readonly<Record<string, Access>> = {
  "GET /app": "app",
  "GET /repos/{owner}/{repo}/installation": "app",
  "POST /app/installations/{installation_id}/access_tokens": "app",
  "GET /users/{username}": "public",
  "GET /repos/{owner}/{repo}": [["metadata", "read"]],
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission": [["metadata", "read"]],
  "GET /repos/{owner}/{repo}/branches/{branch}": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/commits": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/compare/{basehead}": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/contents/{path}": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/releases": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/git/blobs/{file_sha}": [["contents", "read"]],
  "GET /repos/{owner}/{repo}/git/ref/{ref}": [["contents", "read"]],
  "POST /repos/{owner}/{repo}/git/trees": [["contents", "write"]],
  "POST /repos/{owner}/{repo}/git/commits": [["contents", "write"]],
  "POST /repos/{owner}/{repo}/git/refs": [["contents", "write"]],
  "PATCH /repos/{owner}/{repo}/git/refs/{ref}": [["contents", "write"]],
  "DELETE /repos/{owner}/{repo}/git/refs/{ref}": [["contents", "write"]],
  "POST /repos/{owner}/{repo}/statuses/{sha}": [["statuses", "write"]],
  "GET /repos/{owner}/{repo}/issues": [["issues", "read"]],
  "POST /repos/{owner}/{repo}/issues": [["issues", "write"]],
  // On a pull request, labels, assignees and comments accept either permission.
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": [["issues", "write"], ["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": [["issues", "read"], ["pull_requests", "read"]],
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": [["issues", "write"], ["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/pulls": [["pull_requests", "read"]],
  "POST /repos/{owner}/{repo}/pulls": [["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": [["pull_requests", "read"]],
  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": [["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": [["pull_requests", "read"]],
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers": [["pull_requests", "write"]],
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": [["checks", "read"]],
  "POST /repos/{owner}/{repo}/check-runs": [["checks", "write"]],
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": [["checks", "write"]],
  "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations": [["checks", "read"]],
  "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs": [["actions", "read"]],
  "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs": [["actions", "read"]],
};

/** Calls Probot makes for the bot (installation tokens) and ones hidden behind plugins (`octokit.config.get`). */
const implicitRoutes = ["POST /app/installations/{installation_id}/access_tokens", "GET /repos/{owner}/{repo}/contents/{path}"];

interface Manifest {
  default_events: string[];
  default_permissions: Record<string, Level>;
}

const manifest = parse(readFileSync(join(projectRoot, "app.yml"), "utf8")) as Manifest;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** Every `octokit.rest.<namespace>.<method>` (paginated or not) in src/, with where it is used. */
function restMethodsUsed(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of sourceFiles(join(projectRoot, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/\.rest\.(\w+)\.(\w+)\b/g)) {
      const key = `${match[1]}.${match[2]}`;
      used.set(key, [...(used.get(key) ?? []), relative(projectRoot, file)]);
    }
  }
  return used;
}

/** "METHOD /route" of an Octokit REST method, from @octokit/plugin-rest-endpoint-methods' own table. */
function routeOf(octokit: InstanceType<typeof ProbotOctokit>, method: string): string {
  const [namespace = "", name = ""] = method.split(".");
  const endpoint = (octokit.rest as unknown as Record<string, Record<string, { endpoint?: { DEFAULTS: { method: string; url: string } } }>>)[
    namespace
  ]?.[name]?.endpoint;
  if (!endpoint) throw new Error(`octokit.rest.${method} does not exist`);
  return `${endpoint.DEFAULTS.method} ${endpoint.DEFAULTS.url}`;
}

function routesCalled(): Map<string, string[]> {
  const octokit = new ProbotOctokit();
  const routes = new Map<string, string[]>();
  for (const [method, files] of restMethodsUsed()) {
    const route = routeOf(octokit, method);
    routes.set(route, [...(routes.get(route) ?? []), ...files.map((f) => `${f} (octokit.rest.${method})`)]);
  }
  for (const route of implicitRoutes) routes.set(route, [...(routes.get(route) ?? []), "Probot / plugins"]);
  return routes;
}

const rank: Record<Level, number> = { read: 1, write: 2 };

function granted(access: Access): boolean {
  if (access === "app" || access === "public") return true;
  return access.some(([permission, level]) => {
    const has = manifest.default_permissions[permission];
    return has !== undefined && rank[has] >= rank[level];
  });
}

describe("app.yml permissions", () => {
  const called = routesCalled();

  it("finds the calls the bot is known to make (the scan works)", () => {
    expect([...called.keys()]).toEqual(
      expect.arrayContaining(["POST /repos/{owner}/{repo}/git/commits", "POST /repos/{owner}/{repo}/pulls", "GET /repos/{owner}/{repo}/commits"]),
    );
    expect(called.size).toBeGreaterThan(20);
  });

  it("every route the code calls is in the route → permission table", () => {
    const unknown = [...called].filter(([route]) => !(route in routePermissions)).map(([route, where]) => `${route} (${where.join(", ")})`);
    expect(unknown, "add these routes to routePermissions after checking GitHub's docs").toEqual([]);
  });

  it("every route the code calls is granted by default_permissions", () => {
    const refused = [...called.keys()].filter((route) => {
      const access = routePermissions[route];
      return access !== undefined && !granted(access);
    });
    expect(refused.map((route) => `${route} needs ${JSON.stringify(routePermissions[route])}`)).toEqual([]);
  });

  it("asks for no permission the code does not use (metadata is every app's)", () => {
    const needed = new Set(
      [...called.keys()].flatMap((route) => {
        const access = routePermissions[route];
        return Array.isArray(access) ? access.map(([permission]) => permission) : [];
      }),
    );
    const unused = Object.keys(manifest.default_permissions).filter((p) => p !== "metadata" && !needed.has(p));
    expect(unused).toEqual([]);
    // Write only where something is written.
    const writes = new Set(
      [...called.keys()].flatMap((route) => {
        const access = routePermissions[route];
        return Array.isArray(access) && access.every(([, level]) => level === "write") ? access.map(([p]) => p) : [];
      }),
    );
    const needlessWrite = Object.entries(manifest.default_permissions).filter(([p, level]) => level === "write" && !writes.has(p)).map(([p]) => p);
    expect(needlessWrite).toEqual([]);
  });

  it("agrees with the GitHub simulator's route permissions wherever both name a route", () => {
    const simulated = [...appRoutes, ...contentsRoutes, ...gitRoutes, ...commitRoutes, ...pullRoutes, ...issueRoutes, ...checkRoutes, ...releaseRoutes, ...actionsRoutes];
    const disagreements = simulated.flatMap((route) => {
      const name = `${route.method} ${route.template.replace(/\*\}/g, "}")}`;
      const ours = routePermissions[name];
      if (ours === undefined || !route.permission) return [];
      const [permission, level] = route.permission;
      const agrees = Array.isArray(ours) && ours.some(([p, l]) => p === permission && l === level);
      return agrees ? [] : [`${name}: simulator ${permission}=${level}, table ${JSON.stringify(ours)}`];
    });
    expect(disagreements).toEqual([]);
  });
});

describe("app.yml events", () => {
  /** A delivery of any event that names a repository the bot does not watch: decided from the payload, no work. */
  function decisionFor(bot: Bot, name: string): string {
    const payload = {
      action: "created",
      ref: "refs/heads/main",
      commits: [],
      repository: { full_name: "someone/elsewhere", default_branch: "main", owner: { login: "someone" } },
      issue: { number: 1 },
      comment: { body: "hello", user: { login: "someone", type: "User" } },
      release: { tag_name: "v1.0.0" },
      pull_request: { number: 1, head: { sha: "0", ref: "x", repo: null }, base: { ref: "main", sha: "0" } },
    };
    const decision = bot.receive({ id: `manifest-${name}`, name, payload });
    const text = decision.action === "ignore" ? decision.reason : decision.action;
    return text.split(name).join("<event>");
  }

  function handledEvents(): string[] {
    const noAccess: GitHubAccessProvider = {
      session: () => {
        throw new Error("no API call is expected");
      },
      remember: () => undefined,
    };
    const bot = new Bot({
      docsRepository: parseRepository("kairos-io/kairos-docs"),
      access: noAccess,
      log: pino({ level: "silent" }),
      metrics: createMetrics({ processMetrics: false }),
      serverUrl: GITHUB_SERVER_URL,
    });
    // An event nobody handles falls through to the same decision as a name GitHub never sends.
    const unhandled = decisionFor(bot, "no_such_event");
    const names = emitterEventNames.filter((n) => !n.includes("."));
    return names.filter((name) => decisionFor(bot, name) !== unhandled);
  }

  it("every subscribed event has a handler, and every handled event is subscribed", () => {
    const handled = handledEvents();
    expect(handled.length).toBeGreaterThan(0);
    expect([...manifest.default_events].sort()).toEqual([...handled].sort());
  });
});
