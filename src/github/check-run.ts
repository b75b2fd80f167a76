// Every check-run call the bot makes: find its run by name on a commit, create or update it, annotations in batches.
import type { GitHubClient } from "./github-client.js";
import type { RepositoryRef } from "./repository.js";

/** GitHub refuses more than 50 annotations in one request; further ones go in further updates. */
export const ANNOTATIONS_PER_REQUEST = 50;

export interface CheckAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  /** Only allowed when start_line equals end_line. */
  readonly start_column?: number;
  readonly end_column?: number;
  readonly annotation_level: "notice" | "warning" | "failure";
  readonly title?: string;
  readonly message: string;
}

export type CheckConclusion = "neutral" | "failure" | "success";

export interface CheckRunContent {
  readonly conclusion: CheckConclusion;
  readonly title: string;
  readonly summary: string;
  readonly text: string;
  readonly annotations: readonly CheckAnnotation[];
}

export interface ExistingCheckRun {
  readonly id: number;
  readonly conclusion: string | null;
  readonly title: string | null;
  readonly summary: string | null;
  readonly text: string | null;
  readonly annotationCount: number;
}

/** The newest run named `name` on `headSha`: a re-run updates it instead of stacking a second one. */
export async function findCheckRun(
  octokit: GitHubClient,
  repository: RepositoryRef,
  headSha: string,
  name: string,
): Promise<ExistingCheckRun | null> {
  const { data } = await octokit.rest.checks.listForRef({ ...repository, ref: headSha, check_name: name, filter: "latest", per_page: 1 });
  const run = data.check_runs.find((r) => r.name === name);
  if (!run) return null;
  return {
    id: run.id,
    conclusion: run.conclusion,
    title: run.output.title,
    summary: run.output.summary,
    text: run.output.text,
    annotationCount: run.output.annotations_count,
  };
}

/** The annotations a run already carries (GitHub only ever appends them). */
export async function listCheckAnnotations(octokit: GitHubClient, repository: RepositoryRef, id: number): Promise<CheckAnnotation[]> {
  const data = await octokit.paginate(octokit.rest.checks.listAnnotations, { ...repository, check_run_id: id, per_page: 100 });
  return data.map((a) => ({
    path: a.path,
    start_line: a.start_line,
    end_line: a.end_line,
    ...(a.start_column === null ? {} : { start_column: a.start_column }),
    ...(a.end_column === null ? {} : { end_column: a.end_column }),
    annotation_level: (a.annotation_level ?? "warning") as CheckAnnotation["annotation_level"],
    ...(a.title ? { title: a.title } : {}),
    message: a.message ?? "",
  }));
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ANNOTATIONS_PER_REQUEST) out.push(items.slice(i, i + ANNOTATIONS_PER_REQUEST));
  return out;
}

function output(content: CheckRunContent, annotations: readonly CheckAnnotation[]) {
  // Every request repeats title, summary and text: GitHub requires the first two with any output.
  return { title: content.title, summary: content.summary, text: content.text, annotations: [...annotations] };
}

/** Creates a completed run; annotations beyond the first 50 follow in updates. Returns the run's id. */
export async function createCheckRun(
  octokit: GitHubClient,
  repository: RepositoryRef,
  run: { readonly name: string; readonly headSha: string; readonly content: CheckRunContent },
): Promise<number> {
  const [first = [], ...rest] = batches(run.content.annotations);
  const { data } = await octokit.rest.checks.create({
    ...repository,
    name: run.name,
    head_sha: run.headSha,
    status: "completed",
    conclusion: run.content.conclusion,
    output: output(run.content, first),
  });
  for (const batch of rest) await octokit.rest.checks.update({ ...repository, check_run_id: data.id, output: output(run.content, batch) });
  return data.id;
}

/** Rewrites a run's conclusion and output, appending `annotations` (at least one request, 50 annotations each). */
export async function updateCheckRun(
  octokit: GitHubClient,
  repository: RepositoryRef,
  id: number,
  content: CheckRunContent,
  annotations: readonly CheckAnnotation[],
): Promise<void> {
  const [first = [], ...rest] = batches(annotations);
  await octokit.rest.checks.update({
    ...repository,
    check_run_id: id,
    status: "completed",
    conclusion: content.conclusion,
    output: output(content, first),
  });
  for (const batch of rest) await octokit.rest.checks.update({ ...repository, check_run_id: id, output: output(content, batch) });
}
