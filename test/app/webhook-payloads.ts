// Webhook payloads shaped like GitHub's deliveries, typed by @octokit/webhooks-types, for the trigger rules.
import type {
  Commit,
  PullRequestEvent,
  PullRequestOpenedEvent,
  PushEvent,
  ReleaseEvent,
  ReleasePublishedEvent,
  Repository,
  User,
  WorkflowRunCompletedEvent,
  WorkflowRunEvent,
} from "@octokit/webhooks-types";

const api = "https://api.github.com";

const userUrlKeys = [
  "url",
  "followers_url",
  "following_url",
  "gists_url",
  "starred_url",
  "subscriptions_url",
  "organizations_url",
  "repos_url",
  "events_url",
  "received_events_url",
] as const;

export function user(login: string): User {
  const urls = Object.fromEntries(userUrlKeys.map((key) => [key, `${api}/users/${login}/${key}`])) as Record<
    (typeof userUrlKeys)[number],
    string
  >;
  return {
    ...urls,
    login,
    id: 1000 + login.length,
    node_id: `U_${login}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${login}`,
    gravatar_id: "",
    html_url: `https://github.com/${login}`,
    type: "Organization",
    site_admin: false,
  };
}

const repositoryUrlKeys = [
  "forks_url",
  "keys_url",
  "collaborators_url",
  "teams_url",
  "hooks_url",
  "issue_events_url",
  "events_url",
  "assignees_url",
  "branches_url",
  "tags_url",
  "blobs_url",
  "git_tags_url",
  "git_refs_url",
  "trees_url",
  "statuses_url",
  "languages_url",
  "stargazers_url",
  "contributors_url",
  "subscribers_url",
  "subscription_url",
  "commits_url",
  "git_commits_url",
  "comments_url",
  "issue_comment_url",
  "contents_url",
  "compare_url",
  "merges_url",
  "archive_url",
  "downloads_url",
  "issues_url",
  "pulls_url",
  "milestones_url",
  "notifications_url",
  "labels_url",
  "releases_url",
  "deployments_url",
] as const;

export function repository(fullName: string, options: { defaultBranch?: string; fork?: boolean } = {}): Repository {
  const [owner = "", name = ""] = fullName.split("/");
  const url = `${api}/repos/${fullName}`;
  const urls = Object.fromEntries(repositoryUrlKeys.map((key) => [key, `${url}/${key}`])) as Record<
    (typeof repositoryUrlKeys)[number],
    string
  >;
  return {
    ...urls,
    id: 400_000 + fullName.length,
    node_id: `R_${fullName}`,
    name,
    full_name: fullName,
    private: false,
    owner: user(owner),
    html_url: `https://github.com/${fullName}`,
    description: null,
    fork: options.fork ?? false,
    url,
    created_at: 1_600_000_000,
    updated_at: "2025-01-01T00:00:00Z",
    pushed_at: 1_700_000_000,
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `https://github.com/${fullName}.git`,
    svn_url: `https://github.com/${fullName}`,
    homepage: null,
    size: 1000,
    stargazers_count: 10,
    watchers_count: 10,
    language: "Go",
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    forks_count: 3,
    mirror_url: null,
    archived: false,
    open_issues_count: 4,
    license: null,
    forks: 3,
    open_issues: 4,
    watchers: 10,
    default_branch: options.defaultBranch ?? "main",
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: "public",
    custom_properties: {},
  };
}

let commitCounter = 0;

export function commit(files: { added?: string[]; modified?: string[]; removed?: string[] } = {}): Commit {
  commitCounter += 1;
  const id = commitCounter.toString(16).padStart(40, "c");
  const person = { name: "Kairos Bot", email: "bot@kairos.io", username: "kairos-bot" };
  return {
    id,
    tree_id: id.replace(/c/g, "t"),
    distinct: true,
    message: `commit ${commitCounter}`,
    timestamp: "2025-06-01T12:00:00Z",
    url: `https://github.com/kairos-io/kairos-init/commit/${id}`,
    author: person,
    committer: person,
    added: files.added ?? [],
    modified: files.modified ?? [],
    removed: files.removed ?? [],
  };
}

export const zeroSha = "0".repeat(40);

export function push(fullName: string, options: Partial<Omit<PushEvent, "repository">> & { defaultBranch?: string } = {}): PushEvent {
  const { defaultBranch, ...fields } = options;
  const commits = fields.commits ?? [commit({ modified: ["README.md"] })];
  return {
    ref: "refs/heads/main",
    before: "a".repeat(40),
    after: "b".repeat(40),
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/${fullName}/compare/aaaa...bbbb`,
    head_commit: commits.at(-1) ?? null,
    pusher: { name: "kairos-bot", email: "bot@kairos.io" },
    sender: user("kairos-bot"),
    installation: { id: 42, node_id: "I_42" },
    ...fields,
    commits,
    repository: repository(fullName, defaultBranch === undefined ? {} : { defaultBranch }),
  };
}

type Shape<T> = T extends (infer E)[] ? Shape<E>[] : T extends object ? { [K in keyof T]?: Shape<T[K]> } : T;

/**
 * Release and pull request objects carry some sixty fields each, none of which the rules read beyond
 * those given here; `Shape` still type-checks every field we do write against GitHub's schema.
 */
function shaped<T>(value: Shape<T>): T {
  return value as T;
}

export function release(fullName: string, action: ReleaseEvent["action"], tagName = "v3.5.0"): ReleaseEvent {
  // Every release action carries the same fields; the action alone tells them apart.
  const fields = shaped<Omit<ReleasePublishedEvent, "action">>({
    release: {
      tag_name: tagName,
      name: tagName,
      draft: false,
      prerelease: action === "prereleased",
      html_url: `https://github.com/${fullName}/releases/tag/${tagName}`,
      published_at: "2025-06-01T12:00:00Z",
    },
    repository: repository(fullName),
    sender: user("kairos-bot"),
    installation: { id: 42, node_id: "I_42" },
  });
  return { ...fields, action } as ReleaseEvent;
}

export function pullRequest(
  baseFullName: string,
  action: PullRequestEvent["action"],
  head: { fullName: string | null; sha: string; ref?: string },
): PullRequestEvent {
  const fields = shaped<Omit<PullRequestOpenedEvent, "action">>({
    number: 7,
    pull_request: {
      number: 7,
      state: "open",
      title: "Test Ubuntu 24.10",
      head: {
        label: `${head.fullName?.split("/")[0] ?? "ghost"}:${head.ref ?? "feature"}`,
        ref: head.ref ?? "feature",
        sha: head.sha,
        repo: head.fullName === null ? null : repository(head.fullName, { fork: head.fullName !== baseFullName }),
      },
      base: { label: "kairos-io:main", ref: "main", sha: "d".repeat(40), repo: repository(baseFullName) },
    },
    repository: repository(baseFullName),
    sender: user("contributor"),
    installation: { id: 42, node_id: "I_42" },
  });
  return { ...fields, action } as PullRequestEvent;
}

export interface WorkflowRunFacts {
  action?: WorkflowRunEvent["action"];
  path?: string;
  branch?: string;
  event?: string;
  conclusion?: WorkflowRunCompletedEvent["workflow_run"]["conclusion"];
  defaultBranch?: string;
}

export function workflowRun(fullName: string, facts: WorkflowRunFacts = {}): WorkflowRunEvent {
  const path = facts.path ?? ".github/workflows/master.yaml";
  const action = facts.action ?? "completed";
  const fields = shaped<Omit<WorkflowRunCompletedEvent, "action">>({
    workflow: { id: 7, name: "master", path },
    workflow_run: {
      id: 1001,
      path,
      event: facts.event ?? "push",
      head_branch: facts.branch ?? "master",
      status: action === "completed" ? "completed" : action,
      conclusion: facts.conclusion ?? "success",
      html_url: `https://github.com/${fullName}/actions/runs/1001`,
    },
    repository: repository(fullName, { defaultBranch: facts.defaultBranch ?? "master" }),
    sender: user("octocat"),
    installation: { id: 42, node_id: "I_42" },
  });
  return { ...fields, action } as WorkflowRunEvent;
}
