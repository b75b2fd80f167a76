// JSON shapes of users, repositories, issues, pull requests, comments, labels and releases, shared by REST and webhooks.
import type {
  Issue,
  IssueComment,
  Label,
  PullRequest,
  Reactions,
  Release,
  Repository,
  User,
} from "@octokit/webhooks-types";
import { fileDiff } from "./file-diff.js";
import { fullName, type Account, type CommentRecord, type IssueRecord, type LabelRecord, type ReleaseRecord, type Repo, type World } from "./world.js";

export function userJson(world: World, a: Account): User {
  const api = `${world.urls.api}/users/${a.login}`;
  return {
    login: a.login,
    id: a.id,
    node_id: nodeId(a.type === "Organization" ? "O" : a.type === "Bot" ? "BOT" : "U", a.id),
    avatar_url: `${world.urls.web}/avatars/u/${a.id}?`,
    gravatar_id: "",
    url: api,
    html_url: a.type === "Bot" ? `${world.urls.web}/apps/${world.app.slug}` : `${world.urls.web}/${a.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: a.type,
    site_admin: false,
  };
}

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kgDO${Buffer.from(String(id)).toString("base64url")}`;
}

export function repoApiUrl(world: World, repo: Repo): string {
  return `${world.urls.api}/repos/${fullName(repo)}`;
}

export function repoHtmlUrl(world: World, repo: Repo): string {
  return `${world.urls.web}/${fullName(repo)}`;
}

function openIssueCount(repo: Repo): number {
  return [...repo.issues.values()].filter((i) => i.state === "open").length;
}

function repoUrls(world: World, repo: Repo) {
  const api = repoApiUrl(world, repo);
  const t = (suffix: string): string => `${api}/${suffix}`;
  return {
    forks_url: t("forks"),
    keys_url: t("keys{/key_id}"),
    collaborators_url: t("collaborators{/collaborator}"),
    teams_url: t("teams"),
    hooks_url: t("hooks"),
    issue_events_url: t("issues/events{/number}"),
    events_url: t("events"),
    assignees_url: t("assignees{/user}"),
    branches_url: t("branches{/branch}"),
    tags_url: t("tags"),
    blobs_url: t("git/blobs{/sha}"),
    git_tags_url: t("git/tags{/sha}"),
    git_refs_url: t("git/refs{/sha}"),
    trees_url: t("git/trees{/sha}"),
    statuses_url: t("statuses/{sha}"),
    languages_url: t("languages"),
    stargazers_url: t("stargazers"),
    contributors_url: t("contributors"),
    subscribers_url: t("subscribers"),
    subscription_url: t("subscription"),
    commits_url: t("commits{/sha}"),
    git_commits_url: t("git/commits{/sha}"),
    comments_url: t("comments{/number}"),
    issue_comment_url: t("issues/comments{/number}"),
    contents_url: t("contents/{+path}"),
    compare_url: t("compare/{base}...{head}"),
    merges_url: t("merges"),
    archive_url: t("{archive_format}{/ref}"),
    downloads_url: t("downloads"),
    issues_url: t("issues{/number}"),
    pulls_url: t("pulls{/number}"),
    milestones_url: t("milestones{/number}"),
    notifications_url: t("notifications{?since,all,participating}"),
    labels_url: t("labels{/name}"),
    releases_url: t("releases{/id}"),
    deployments_url: t("deployments"),
  };
}

/**
 * A repository as webhooks and REST show it. Push payloads differ: GitHub sends `created_at`/`pushed_at`
 * as Unix seconds there, and adds `stargazers`, `master_branch` and (for organisations) `organization`.
 */
export function repoJson(world: World, repo: Repo, variant: "rest" | "push" = "rest"): Repository {
  const host = new URL(world.urls.web).host;
  const name = fullName(repo);
  const openIssues = openIssueCount(repo);
  const base = {
    id: repo.id,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: name,
    private: repo.private,
    owner: userJson(world, repo.owner),
    html_url: repoHtmlUrl(world, repo),
    description: repo.description,
    fork: repo.parent !== null,
    url: repoApiUrl(world, repo),
    ...repoUrls(world, repo),
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://${host}/${name}.git`,
    ssh_url: `git@${host}:${name}.git`,
    clone_url: `${world.urls.web}/${name}.git`,
    svn_url: repoHtmlUrl(world, repo),
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? ("private" as const) : ("public" as const),
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: repo.defaultBranch,
    custom_properties: {},
  };
  if (variant === "rest") return { ...base, delete_branch_on_merge: repo.deleteBranchOnMerge };
  const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
  return {
    ...base,
    owner: { ...base.owner, name: repo.owner.login, email: repo.owner.type === "Organization" ? null : repo.owner.email },
    created_at: seconds(repo.createdAt),
    pushed_at: seconds(repo.pushedAt),
    stargazers: 0,
    master_branch: repo.defaultBranch,
    ...(repo.owner.type === "Organization" ? { organization: repo.owner.login } : {}),
  };
}

/** REST-only repository fields: forks carry their parent and source. */
export function repoRestJson(world: World, repo: Repo): Record<string, unknown> {
  const json: Record<string, unknown> = { ...repoJson(world, repo), network_count: 0, subscribers_count: 0 };
  if (repo.parent) {
    json.parent = repoJson(world, repo.parent);
    let source = repo.parent;
    while (source.parent) source = source.parent;
    json.source = repoJson(world, source);
  }
  return json;
}

export function organizationJson(world: World, a: Account) {
  const api = `${world.urls.api}/orgs/${a.login}`;
  return {
    login: a.login,
    id: a.id,
    node_id: nodeId("O", a.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${world.urls.web}/avatars/u/${a.id}?`,
    description: null,
  };
}

export function reactionsJson(url: string): Reactions {
  return { url: `${url}/reactions`, total_count: 0, "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

export function labelJson(world: World, repo: Repo, l: LabelRecord): Label {
  return {
    id: l.id,
    node_id: nodeId("LA", l.id),
    url: `${repoApiUrl(world, repo)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: l.default,
  };
}

function labelsOf(world: World, repo: Repo, issue: IssueRecord): Label[] {
  return issue.labels.flatMap((name) => {
    const l = repo.labels.get(name.toLowerCase());
    return l ? [labelJson(world, repo, l)] : [];
  });
}

function assigneesOf(world: World, issue: IssueRecord): User[] {
  return issue.assignees.map((login) => userJson(world, world.account(login)));
}

export function authorAssociation(repo: Repo, user: Account): Issue["author_association"] {
  if (user.id === repo.owner.id) return "OWNER";
  const permission = repo.collaborators.get(user.login.toLowerCase());
  if (permission && repo.owner.type === "Organization") return "MEMBER";
  if (permission) return "COLLABORATOR";
  return "NONE";
}

function appJson(world: World) {
  return {
    id: world.app.id,
    slug: world.app.slug,
    node_id: nodeId("A", world.app.id),
    owner: userJson(world, world.account("simulator-app-owner", "Organization")),
    name: world.app.name,
    description: "",
    external_url: world.urls.web,
    html_url: `${world.urls.web}/apps/${world.app.slug}`,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    permissions: {},
    events: [],
  };
}

type IssueShape = Issue & { assignee: User | null; state: "open" | "closed"; locked: boolean; labels: Label[] };

export function issueJson(world: World, repo: Repo, issue: IssueRecord): IssueShape {
  const api = `${repoApiUrl(world, repo)}/issues/${issue.number}`;
  const html = `${repoHtmlUrl(world, repo)}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
  const json: IssueShape = {
    url: api,
    repository_url: repoApiUrl(world, repo),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    id: issue.id,
    node_id: nodeId("I", issue.id),
    number: issue.number,
    title: issue.title,
    user: userJson(world, issue.user),
    labels: labelsOf(world, repo, issue),
    state: issue.state,
    locked: issue.locked,
    assignee: assigneesOf(world, issue)[0] ?? null,
    assignees: assigneesOf(world, issue),
    milestone: null,
    comments: [...repo.comments.values()].filter((c) => c.issueNumber === issue.number).length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: authorAssociation(repo, issue.user),
    active_lock_reason: null,
    body: issue.body,
    reactions: reactionsJson(api),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: issue.viaApp ? appJson(world) : null,
    state_reason: issue.stateReason,
  };
  if (issue.pull) {
    const pullApi = `${repoApiUrl(world, repo)}/pulls/${issue.number}`;
    json.draft = issue.pull.draft;
    json.pull_request = {
      url: pullApi,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: issue.pull.mergedAt,
    };
  }
  return json;
}

export function commentJson(world: World, repo: Repo, c: CommentRecord): IssueComment {
  const api = `${repoApiUrl(world, repo)}/issues/comments/${c.id}`;
  const issue = repo.issues.get(c.issueNumber);
  const kind = issue?.pull ? "pull" : "issues";
  return {
    url: api,
    html_url: `${repoHtmlUrl(world, repo)}/${kind}/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoApiUrl(world, repo)}/issues/${c.issueNumber}`,
    id: c.id,
    node_id: nodeId("IC", c.id),
    user: userJson(world, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: authorAssociation(repo, c.user),
    body: c.body,
    reactions: reactionsJson(api),
    performed_via_github_app: c.viaApp ? appJson(world) : null,
  };
}

function link(href: string) {
  return { href };
}

export function pullJson(world: World, repo: Repo, issue: IssueRecord): PullRequest {
  const pull = issue.pull;
  if (!pull) throw new Error(`simulator: #${issue.number} is not a pull request`);
  const api = `${repoApiUrl(world, repo)}/pulls/${issue.number}`;
  const html = `${repoHtmlUrl(world, repo)}/pull/${issue.number}`;
  const issueApi = `${repoApiUrl(world, repo)}/issues/${issue.number}`;
  const statuses = `${repoApiUrl(world, repo)}/statuses/${pull.headSha}`;
  const baseSha = repo.refs.get(`refs/heads/${pull.baseRef}`) ?? "";
  const changes = pullChanges(repo, issue);
  const reviewers = pull.requestedReviewers.map((login) => userJson(world, world.account(login)));
  return {
    url: api,
    id: issue.pullId,
    node_id: nodeId("PR", issue.pullId),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: userJson(world, issue.user),
    body: issue.body,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: assigneesOf(world, issue)[0] ?? null,
    assignees: assigneesOf(world, issue),
    requested_reviewers: reviewers,
    requested_teams: [],
    labels: labelsOf(world, repo, issue),
    milestone: null,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApiUrl(world, repo)}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: statuses,
    head: {
      label: `${pull.headRepo.owner.login}:${pull.headRef}`,
      ref: pull.headRef,
      sha: pull.headSha,
      user: userJson(world, pull.headRepo.owner),
      repo: repoJson(world, pull.headRepo),
    },
    base: {
      label: `${repo.owner.login}:${pull.baseRef}`,
      ref: pull.baseRef,
      sha: baseSha,
      user: userJson(world, repo.owner),
      repo: repoJson(world, repo),
    },
    _links: {
      self: link(api),
      html: link(html),
      issue: link(issueApi),
      comments: link(`${issueApi}/comments`),
      review_comments: link(`${api}/comments`),
      review_comment: link(`${repoApiUrl(world, repo)}/pulls/comments{/number}`),
      commits: link(`${api}/commits`),
      statuses: link(statuses),
    },
    author_association: authorAssociation(repo, issue.user),
    auto_merge: null,
    active_lock_reason: null,
    draft: pull.draft,
    merged: pull.merged,
    mergeable: issue.state === "open" ? true : null,
    rebaseable: issue.state === "open" ? true : null,
    mergeable_state: issue.state === "open" ? "clean" : "unknown",
    merged_by: pull.mergedBy ? userJson(world, pull.mergedBy) : null,
    comments: [...repo.comments.values()].filter((c) => c.issueNumber === issue.number).length,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: changes.commits.length,
    additions: changes.additions,
    deletions: changes.deletions,
    changed_files: changes.files,
  };
}

/** Commits and line counts of a pull request: head's commits not on base, diffed from the merge base. */
export function pullChanges(repo: Repo, issue: IssueRecord): { commits: string[]; additions: number; deletions: number; files: number } {
  const pull = issue.pull;
  if (!pull) return { commits: [], additions: 0, deletions: 0, files: 0 };
  const baseSha = repo.refs.get(`refs/heads/${pull.baseRef}`);
  const commits = repo.objects.range(pull.headSha, baseSha ? [baseSha] : []);
  const mergeBase = baseSha ? repo.objects.mergeBase(baseSha, pull.headSha) : undefined;
  const baseTree = mergeBase ? (repo.objects.commit(mergeBase)?.tree ?? null) : null;
  const headTree = repo.objects.commit(pull.headSha)?.tree ?? null;
  const changes = repo.objects.diffTrees(baseTree, headTree);
  let additions = 0;
  let deletions = 0;
  for (const c of changes) {
    const counts = fileDiff(repo, c.before?.sha ?? null, c.after?.sha ?? null);
    additions += counts.additions;
    deletions += counts.deletions;
  }
  return { commits, additions, deletions, files: changes.length };
}

export function releaseJson(world: World, repo: Repo, r: ReleaseRecord): Release {
  const api = `${repoApiUrl(world, repo)}/releases/${r.id}`;
  const tagPath = encodeURIComponent(r.tag);
  return {
    url: api,
    assets_url: `${api}/assets`,
    upload_url: `${world.urls.api.replace("/api/v3", "/api/uploads")}/repos/${fullName(repo)}/releases/${r.id}/assets{?name,label}`,
    html_url: r.draft
      ? `${repoHtmlUrl(world, repo)}/releases/tag/untagged-${r.id}`
      : `${repoHtmlUrl(world, repo)}/releases/tag/${tagPath}`,
    id: r.id,
    node_id: nodeId("RE", r.id),
    tag_name: r.tag,
    target_commitish: r.targetCommitish,
    name: r.name ?? "",
    draft: r.draft,
    author: userJson(world, r.author),
    prerelease: r.prerelease,
    created_at: r.createdAt,
    published_at: r.publishedAt,
    assets: [],
    tarball_url: r.draft ? null : `${repoApiUrl(world, repo)}/tarball/${tagPath}`,
    zipball_url: r.draft ? null : `${repoApiUrl(world, repo)}/zipball/${tagPath}`,
    body: r.body ?? "",
    mentions_count: 0,
  };
}
