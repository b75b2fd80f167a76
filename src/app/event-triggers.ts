// Decides from a webhook alone (no API calls) which reconciles it calls for, or why it calls for none.
import type { PullRequestEvent, PushEvent, ReleaseEvent, WorkflowRunEvent } from "@octokit/webhooks-types";
import { sameRepository } from "../github/repository.js";
import type { PreviewRequest } from "../sync/pull-request-preview.js";

/** The bot's current view of what it watches (from its configuration). Repositories are `owner/name`. */
export interface BotView {
  readonly docsRepository: string;
  readonly sources: readonly { readonly repository: string; readonly workflow: string }[];
  readonly components: readonly { readonly repository: string }[];
  /** Whether prereleases may be shown; when not, a prerelease's arrival or removal cannot change a row. */
  readonly includePrereleases?: boolean;
}

export type Trigger =
  | { readonly kind: "matrix" }
  | { readonly kind: "releases" }
  | ({ readonly kind: "preview" } & PreviewRequest);

export type TriggerKind = Trigger["kind"];

export type TriggerDecision =
  | { readonly action: "enqueue"; readonly triggers: readonly Trigger[]; readonly why: string }
  | { readonly action: "ignore"; readonly reason: string }
  | {
      /**
       * The payload cannot tell whether the workflow changed (forced push, or lists GitHub may have
       * cut short): compare the workflow blob at `before` and `after`, and enqueue `triggers` if it differs.
       */
      readonly action: "compare-workflow";
      readonly repository: string;
      readonly workflows: readonly string[];
      readonly before: string;
      readonly after: string;
      readonly triggers: readonly Trigger[];
      readonly why: string;
    };

export interface IncomingEvent {
  /** The `X-GitHub-Event` name, e.g. "push" (Probot's `context.name`). */
  readonly name: string;
  readonly payload: object;
}

// GitHub documents these caps for push deliveries: at most 2048 commits, and at most 3000 changed
// files per commit. A list at the cap may be incomplete.
export const pushCommitLimit = 2048;
export const commitFileLimit = 3000;

const releaseActions = new Set(["published", "released", "prereleased", "edited", "deleted", "unpublished"]);
const previewActions = new Set(["opened", "synchronize", "reopened"]);

export function decideTriggers(event: IncomingEvent, view: BotView): TriggerDecision {
  const repository = repositoryOf(event.payload);
  if (repository === undefined) return ignore(`"${event.name}" event names no repository`);
  switch (event.name) {
    case "push":
      return decidePush(event.payload as PushEvent, repository, view);
    case "release":
      return decideRelease(event.payload as ReleaseEvent, repository, view);
    case "pull_request":
      return decidePullRequest(event.payload as PullRequestEvent, repository, view);
    case "workflow_run":
      return decideWorkflowRun(event.payload as WorkflowRunEvent, repository, view);
    default:
      return ignore(`"${event.name}" events do not affect the page`);
  }
}

function decidePush(push: PushEvent, repository: string, view: BotView): TriggerDecision {
  if (push.ref.startsWith("refs/tags/")) return ignore(`tag push ${push.ref} in ${repository}`);
  if (push.deleted) return ignore(`${push.ref} deleted in ${repository}`);
  const defaultRef = `refs/heads/${push.repository.default_branch}`;

  if (sameRepository(repository, view.docsRepository)) {
    if (push.ref !== defaultRef) return ignore(`push to ${push.ref} of the docs repository, not its default branch`);
    return enqueue([{ kind: "matrix" }, { kind: "releases" }], "the docs default branch moved: an open pull request must follow the new base");
  }

  const workflows = view.sources.filter((s) => sameRepository(repository, s.repository)).map((s) => normalizePath(s.workflow));
  if (workflows.length === 0) return ignore(`push to ${repository}, which is not a configured source`);
  if (push.ref !== defaultRef) return ignore(`push to ${push.ref} of ${repository}, not its default branch`);
  if (push.created) return enqueue([{ kind: "matrix" }], `${defaultRef} of ${repository} was created`);

  const incomplete = changeListsMayBeIncomplete(push);
  if (push.forced || incomplete) {
    return {
      action: "compare-workflow",
      repository,
      workflows,
      before: push.before,
      after: push.after,
      triggers: [{ kind: "matrix" }],
      why: push.forced ? "forced push: the commit list does not say what changed" : incomplete,
    };
  }
  const touched = workflows.filter((workflow) => pushTouches(push, workflow));
  if (touched.length === 0) return ignore(`push to ${repository} does not touch ${workflows.join(", ")}`);
  return enqueue([{ kind: "matrix" }], `push to ${repository} changes ${touched.join(", ")}`);
}

/** Why the payload's file lists may be missing changes, or "" when they are complete. */
function changeListsMayBeIncomplete(push: PushEvent): string {
  if (push.commits.length === 0) return "the push lists no commits";
  if (push.commits.length >= pushCommitLimit) return `the push lists ${push.commits.length} commits, GitHub's cap`;
  const crowded = push.commits.find((c) => c.added.length + c.removed.length + c.modified.length >= commitFileLimit);
  return crowded ? `commit ${crowded.id} lists ${commitFileLimit} or more files, GitHub's cap` : "";
}

function pushTouches(push: PushEvent, workflow: string): boolean {
  return push.commits.some((commit) =>
    [commit.added, commit.removed, commit.modified].some((paths) => paths.some((path) => normalizePath(path) === workflow)),
  );
}

function decideRelease(release: ReleaseEvent, repository: string, view: BotView): TriggerDecision {
  if (!view.components.some((c) => sameRepository(repository, c.repository))) {
    return ignore(`release in ${repository}, which is not a configured component`);
  }
  if (!releaseActions.has(release.action)) {
    return ignore(`release ${release.action} in ${repository} does not change which release is latest`);
  }
  // An edit may have flipped the flag either way, so only edits of a prerelease still count.
  if (release.release.prerelease && !view.includePrereleases && release.action !== "edited") {
    return ignore(`prerelease ${release.release.tag_name} ${release.action} in ${repository}: prereleases are not shown`);
  }
  return enqueue([{ kind: "releases" }], `release ${release.release.tag_name} ${release.action} in ${repository}`);
}

function decidePullRequest(event: PullRequestEvent, repository: string, view: BotView): TriggerDecision {
  if (!view.sources.some((s) => sameRepository(repository, s.repository))) {
    return ignore(`pull request in ${repository}, which is not a configured source`);
  }
  if (!previewActions.has(event.action)) return ignore(`pull request ${event.action} in ${repository} needs no preview`);
  const pull = event.pull_request;
  return enqueue(
    [
      {
        kind: "preview",
        repository,
        pullNumber: pull.number,
        headSha: pull.head.sha,
        headRepository: pull.head.repo?.full_name ?? null,
        baseRef: pull.base.ref,
        baseSha: pull.base.sha,
      },
    ],
    `pull request #${pull.number} ${event.action} in ${repository}`,
  );
}

/** Runs whose results the page shows: what the default branch runs on its own, not a pull request's checks. */
const resultEvents = new Set(["push", "schedule"]);

/**
 * A finished run of a watched workflow on the default branch may change what a cell says. Everything
 * else (the monorepo's 20+ other workflows, other branches, pull request runs, `requested` and
 * `in_progress`, a run cancelled by a newer one) is decided here at zero API calls.
 */
function decideWorkflowRun(event: WorkflowRunEvent, repository: string, view: BotView): TriggerDecision {
  if (!view.sources.some((s) => sameRepository(repository, s.repository))) {
    return ignore(`workflow run in ${repository}, which is not a configured source`);
  }
  const run = event.workflow_run;
  if (event.action !== "completed") return ignore(`workflow run ${run.id} ${event.action} in ${repository}: results come with "completed"`);
  const path = normalizePath((event.workflow?.path ?? run.path).replace(/@.*$/, ""));
  const watched = view.sources.some((s) => sameRepository(repository, s.repository) && normalizePath(s.workflow) === path);
  if (!watched) return ignore(`workflow run of ${path} in ${repository}, which is not a configured workflow`);
  if (run.head_branch !== event.repository.default_branch) {
    return ignore(`workflow run ${run.id} of ${path} on ${run.head_branch}, not the default branch of ${repository}`);
  }
  if (!resultEvents.has(run.event)) return ignore(`workflow run ${run.id} of ${path} was triggered by ${run.event}, not push or schedule`);
  if (run.conclusion === "cancelled") return ignore(`workflow run ${run.id} of ${path} was cancelled: not evidence`);
  return enqueue([{ kind: "matrix" }], `workflow run ${run.id} of ${path} in ${repository} completed (${run.conclusion ?? "no conclusion"})`);
}

/** The `owner/name` a webhook payload is about, when it names a repository. */
export function repositoryOf(payload: object): string | undefined {
  const repository: unknown = (payload as { repository?: unknown }).repository;
  if (typeof repository !== "object" || repository === null) return undefined;
  const fullName: unknown = (repository as { full_name?: unknown }).full_name;
  return typeof fullName === "string" ? fullName : undefined;
}

function normalizePath(path: string): string {
  return path.replace(/^\.\//, "").replace(/^\/+/, "");
}

function enqueue(triggers: readonly Trigger[], why: string): TriggerDecision {
  return { action: "enqueue", triggers, why };
}

function ignore(reason: string): TriggerDecision {
  return { action: "ignore", reason };
}
