// Plain-data views of the simulated state for test assertions (no API call, nothing recorded).
import { fullRef, resolveCommitish } from "./refs.js";
import { sortedReleases } from "./releases.js";
import type { AnnotationRecord, IssueRecord, Repo, World } from "./world.js";

export interface PersonView {
  name: string;
  email: string;
  date: string;
  /** The GitHub user the email belongs to, if any. */
  login: string | null;
}

export interface CommitView {
  sha: string;
  message: string;
  tree: string;
  parents: string[];
  author: PersonView;
  committer: PersonView;
  verified: boolean;
}

export interface PullView {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  merged: boolean;
  draft: boolean;
  user: string;
  headRepo: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  labels: string[];
  assignees: string[];
  requestedReviewers: string[];
  maintainerCanModify: boolean;
}

export interface IssueView {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  user: string;
  labels: string[];
  assignees: string[];
}

export interface CommentView {
  id: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface StatusView {
  state: string;
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
}

export interface CheckRunView {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationRecord[];
  detailsUrl: string | null;
}

export interface ReleaseView {
  id: number;
  tag: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  createdAt: string;
  publishedAt: string | null;
}

export class Inspection {
  constructor(private readonly world: World) {}

  private repo(name: string): Repo {
    return this.world.requireRepo(name);
  }

  /** Whether `owner/name` was created (seeding code that may meet a repository twice). */
  repositoryExists(repo: string): boolean {
    return this.world.repo(repo) !== undefined;
  }

  /** File content at a ref (branch, tag or sha; default: the default branch), or undefined. */
  file(repo: string, path: string, ref?: string): string | undefined {
    const r = this.repo(repo);
    const sha = resolveCommitish(r, ref ?? r.defaultBranch);
    return sha ? r.objects.fileAt(sha, path)?.content.toString("utf8") : undefined;
  }

  /** Commit sha a ref points at ("main", "heads/main", "refs/tags/v1", a tag name...), or undefined. */
  ref(repo: string, ref: string): string | undefined {
    const r = this.repo(repo);
    return r.refs.get(fullRef(ref)) ?? resolveCommitish(r, ref);
  }

  /** Every ref (full name → sha). */
  refs(repo: string): Record<string, string> {
    return Object.fromEntries([...this.repo(repo).refs].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  branches(repo: string): string[] {
    return Object.keys(this.refs(repo)).filter((r) => r.startsWith("refs/heads/")).map((r) => r.slice(11));
  }

  commit(repo: string, ref: string): CommitView | undefined {
    const r = this.repo(repo);
    const sha = resolveCommitish(r, ref);
    const c = sha ? r.objects.commit(sha) : undefined;
    if (!sha || !c) return undefined;
    const person = (p: { name: string; email: string; date: string }): PersonView => ({
      ...p,
      login: this.world.accountByEmail(p.email)?.login ?? null,
    });
    return { sha, message: c.message, tree: c.tree, parents: c.parents, author: person(c.author), committer: person(c.committer), verified: c.verification.verified };
  }

  /** History from a ref (default branch by default), newest first, optionally only commits touching `path`. */
  commits(repo: string, ref?: string, options: { path?: string } = {}): CommitView[] {
    const r = this.repo(repo);
    const head = resolveCommitish(r, ref ?? r.defaultBranch);
    if (!head) return [];
    let shas = r.objects.range(head, []);
    const path = options.path;
    if (path) shas = shas.filter((s) => r.objects.commitChanges(s).some((ch) => ch.path === path || ch.path.startsWith(`${path}/`)));
    return shas.map((s) => this.commit(repo, s) as CommitView);
  }

  private pullView(issue: IssueRecord): PullView {
    const p = issue.pull as NonNullable<IssueRecord["pull"]>;
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      merged: p.merged,
      draft: p.draft,
      user: issue.user.login,
      headRepo: `${p.headRepo.owner.login}/${p.headRepo.name}`,
      headRef: p.headRef,
      headSha: p.headSha,
      baseRef: p.baseRef,
      labels: [...issue.labels],
      assignees: [...issue.assignees],
      requestedReviewers: [...p.requestedReviewers],
      maintainerCanModify: p.maintainerCanModify,
    };
  }

  /** Pull requests, newest first; `head` is a branch name of the head repository. */
  pulls(repo: string, filter: { state?: "open" | "closed" | "all"; head?: string } = {}): PullView[] {
    const state = filter.state ?? "all";
    return [...this.repo(repo).issues.values()]
      .filter((i) => i.pull && (state === "all" || i.state === state) && (!filter.head || i.pull.headRef === filter.head))
      .sort((a, b) => b.number - a.number)
      .map((i) => this.pullView(i));
  }

  pull(repo: string, number: number): PullView | undefined {
    const issue = this.repo(repo).issues.get(number);
    return issue?.pull ? this.pullView(issue) : undefined;
  }

  /** Issues that are not pull requests, newest first. */
  issues(repo: string, filter: { state?: "open" | "closed" | "all"; label?: string } = {}): IssueView[] {
    const state = filter.state ?? "all";
    return [...this.repo(repo).issues.values()]
      .filter((i) => !i.pull && (state === "all" || i.state === state))
      .filter((i) => !filter.label || i.labels.some((l) => l.toLowerCase() === filter.label?.toLowerCase()))
      .sort((a, b) => b.number - a.number)
      .map((i) => ({ number: i.number, title: i.title, body: i.body, state: i.state, user: i.user.login, labels: [...i.labels], assignees: [...i.assignees] }));
  }

  /** Comments of an issue or pull request, oldest first. */
  comments(repo: string, number: number): CommentView[] {
    return [...this.repo(repo).comments.values()]
      .filter((c) => c.issueNumber === number)
      .sort((a, b) => a.id - b.id)
      .map((c) => ({ id: c.id, body: c.body, user: c.user.login, createdAt: c.createdAt, updatedAt: c.updatedAt }));
  }

  labels(repo: string, number: number): string[] {
    return [...(this.repo(repo).issues.get(number)?.labels ?? [])];
  }

  requestedReviewers(repo: string, number: number): string[] {
    return [...(this.repo(repo).issues.get(number)?.pull?.requestedReviewers ?? [])];
  }

  /** Statuses of a commit (sha or ref), newest first. */
  statuses(repo: string, ref: string): StatusView[] {
    const r = this.repo(repo);
    const sha = resolveCommitish(r, ref);
    return r.statuses
      .filter((s) => s.sha === sha)
      .sort((a, b) => b.id - a.id)
      .map((s) => ({ state: s.state, context: s.context, description: s.description, targetUrl: s.targetUrl, creator: s.creator.login }));
  }

  /** Check runs of a commit (sha or ref), newest first, with their output and every annotation. */
  checkRuns(repo: string, ref: string): CheckRunView[] {
    const r = this.repo(repo);
    const sha = resolveCommitish(r, ref);
    return r.checkRuns
      .filter((c) => c.headSha === sha)
      .sort((a, b) => b.id - a.id)
      .map((c) => ({
        id: c.id,
        name: c.name,
        headSha: c.headSha,
        status: c.status,
        conclusion: c.conclusion,
        output: { ...c.output },
        annotations: c.annotations.map((a) => ({ ...a })),
        detailsUrl: c.detailsUrl,
      }));
  }

  /** Releases as listed by GitHub (newest first), drafts included. */
  releases(repo: string): ReleaseView[] {
    return sortedReleases(this.repo(repo)).map((r) => ({
      id: r.id,
      tag: r.tag,
      name: r.name,
      body: r.body,
      draft: r.draft,
      prerelease: r.prerelease,
      createdAt: r.createdAt,
      publishedAt: r.publishedAt,
    }));
  }
}
