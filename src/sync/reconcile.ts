// One reconcile of the docs repository: read the current sources and page, compute the desired page, converge the PR.
import type { Logger } from "probot";
import type { Config, PullRequestSettings } from "../config/index.js";
import { CONFIG_PATH, locateConfigKey } from "../config/index.js";
import { loadDefaultTemplate, type DefaultTemplateName } from "../docs-page/default-templates.js";
import type { TemplateSource } from "../docs-page/template-source.js";
import type { GitHubAccess } from "../github/github-access.js";
import type { GitHubClient } from "../github/github-client.js";
import { parseRepository, type RepositoryRef } from "../github/repository.js";
import { readBranchHead, readRepositoryInfo, readTextFile, type BranchHead, type RepositoryInfo } from "../github/repository-files.js";
import { setCommitStatus } from "../github/reports.js";
import { LocatedError } from "../located-error.js";
import type { ComponentRelease } from "../releases/component-release.js";
import type { CoverageFinding } from "../workflow/coverage-lint.js";
import { blobUrl } from "../web-links.js";
import { lintSource } from "./source-lint.js";
import { WorkflowError } from "../workflow/workflow-error.js";
import { NothingRunsError } from "../workflow/never-runs.js";
import { recordedReleases, summarizeMatrix, summarizeReleases, type MatrixChangeSummary, type ReleaseChangeSummary } from "./change-summary.js";
import { ConfigHistory } from "./config-at-commit.js";
import { BotBranchRefusedError, BranchMovedError, converge, StaleReadError, type ConvergeOutcome } from "./converge.js";
import {
  ComponentUnavailableError,
  readCurrentReleases,
  readCurrentWorkflows,
  readRecordedWorkflows,
  SourceUnavailableError,
  type CurrentWorkflow,
} from "./current-sources.js";
import { readCurrentRuns, ResultsMemory, type WorkflowRuns } from "./current-results.js";
import { summarizeResults } from "./results-summary.js";
import { desiredPage, testedImagesOf, type DesiredPage } from "./desired-page.js";
import { readBlock, TESTED_MATRIX_BLOCK } from "../docs-page/page-splice.js";
import { ProblemReport } from "./problem-report.js";
import { commitMessage, pullRequestText } from "./pull-request-text.js";
import { expandSource, type ExpandedSource, type WorkflowSnapshot } from "./workflow-snapshot.js";

/** What a trigger asks to look at again: the tested matrix (sources, docs) or the release changelog. */
export type ReconcileKind = "matrix" | "releases";

/**
 * What a reconcile did: the page was already true; it opened, updated or closed the pull request; it stood
 * back from someone's commits (stopped); nothing valid to act on in config, page or template (blocked); a
 * source was broken or a call failed, reported on it (failed).
 */
export type ReconcileOutcome = ConvergeOutcome | "blocked" | "failed";

export interface ReconcileReport {
  readonly kind: ReconcileKind;
  readonly outcome: ReconcileOutcome;
  readonly pullRequest: { readonly number: number; readonly url: string } | null;
  /** `file:line:col: message` lines, when the outcome is blocked or failed. */
  readonly problems: readonly string[];
}

/** What a reconcile regenerates and which pull request carries it. */
interface Target {
  readonly testedMatrix: boolean;
  readonly releaseChangelog: boolean;
  readonly pullRequest: PullRequestSettings;
}

export function targetOf(config: Config, kind: ReconcileKind): Target {
  if (config.releases.pullRequest === "shared") {
    return { testedMatrix: true, releaseChangelog: true, pullRequest: config.pullRequest };
  }
  return kind === "matrix"
    ? { testedMatrix: true, releaseChangelog: false, pullRequest: config.pullRequest }
    : { testedMatrix: false, releaseChangelog: true, pullRequest: config.releasePullRequest };
}

/** In shared mode both kinds converge one branch, so they must share one queue key. */
export function queueKindOf(config: Config | null, kind: ReconcileKind): ReconcileKind {
  return config?.releases.pullRequest === "shared" ? "matrix" : kind;
}

/** Someone else moving the bot branch mid-write is rare; three fresh looks are plenty. */
const ATTEMPTS = 3;

const STATUS_CONTEXT = "support-matrix-bot";

export interface ReconcilerOptions {
  readonly docs: RepositoryRef;
  /** The configuration read per docs commit; shared with the pull-request preview so each commit is read once. */
  readonly configs: ConfigHistory;
  readonly log: Logger;
  /** The web server every link points at: github.com, or a GitHub Enterprise Server's web URL. */
  readonly serverUrl: string;
  /** Link to the configuration reference in problem reports. */
  readonly referenceUrl?: string;
}

interface Inputs {
  readonly access: GitHubAccess;
  readonly octokit: GitHubClient;
  readonly info: RepositoryInfo;
  readonly head: BranchHead;
  readonly config: Config;
  readonly page: string;
  readonly templates: Record<DefaultTemplateName, TemplateSource>;
}

class Blocked extends Error {
  constructor(readonly problems: readonly LocatedError[]) {
    super(problems.map((p) => p.message).join("\n"));
  }
}

/**
 * Holds only caches (the default branch name, configs by commit, default templates, statuses already
 * set): everything it decides comes from GitHub's current state, so it can be rebuilt at any time.
 */
export class Reconciler {
  readonly #options: ReconcilerOptions;
  readonly #statusesSet = new Set<string>();
  #info: RepositoryInfo | undefined;
  readonly #results = new ResultsMemory();
  /** Config, page and template problems (scope "docs"), and what only one kind met (a template, a source). */
  readonly #problems: ProblemReport;

  constructor(options: ReconcilerOptions) {
    this.#options = options;
    this.#problems = new ProblemReport(options.docs, options.log, options.referenceUrl);
  }

  get docs(): RepositoryRef {
    return this.#options.docs;
  }

  /** The last valid configuration read, for deciding which events matter without an API call. */
  get knownConfig(): Config | null {
    return this.#options.configs.lastValid;
  }

  /** Reads the docs configuration at the default branch head, so that `knownConfig` is the real one before any reconcile. */
  async learnConfig(access: GitHubAccess): Promise<void> {
    const { docs } = this.#options;
    const octokit = await access.forRepository(docs);
    this.#info ??= await readRepositoryInfo(octokit, docs);
    const head = await readBranchHead(octokit, docs, this.#info.defaultBranch);
    await this.#options.configs.learn(octokit, docs, head.sha, { defaultBranch: this.#info.defaultBranch });
  }

  /** `access` is this run's session: its clients count what the run spends on GitHub. */
  /** `refresh`: the periodic reconcile, which also reads again what a process keeps between reconciles. */
  async reconcile(kind: ReconcileKind, access: GitHubAccess, options: { readonly refresh?: boolean } = {}): Promise<ReconcileReport> {
    if (options.refresh) this.#results.forgetBranches();
    // A source commit the pull request names but this read does not know is newer, once; after a fresh
    // read it is just old history (older than the commits one read lists), and the read is trusted.
    let checkSources = true;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#reconcileOnce(kind, access, checkSources);
      } catch (error) {
        if (!(error instanceof BranchMovedError) || attempt >= ATTEMPTS) throw error;
        if (error instanceof StaleReadError) checkSources = false;
        this.#options.log.info({ attempt }, "bot branch moved under us; reading again");
      }
    }
  }

  async #reconcileOnce(kind: ReconcileKind, access: GitHubAccess, checkSources: boolean): Promise<ReconcileReport> {
    let inputs: Inputs;
    try {
      inputs = await this.#readDocs(access);
    } catch (error) {
      if (error instanceof Blocked) return report(kind, "blocked", null, error.problems);
      throw error;
    }
    const target = targetOf(inputs.config, kind);
    let workflows: CurrentWorkflow[] = [];
    let releases: ComponentRelease[] = [];
    let desired: DesiredPage;
    try {
      let runs: WorkflowRuns[] = [];
      let pendingBlock: string | null = null;
      if (target.testedMatrix) {
        workflows = await readCurrentWorkflows(access, inputs.config, inputs.octokit);
        runs = await readCurrentRuns(access, inputs.config, inputs.octokit, this.#results);
        if (runs.some((r) => r.runs.length > 0)) pendingBlock = await this.#pendingBlock(inputs, target);
      }
      if (target.releaseChangelog) {
        releases = await readCurrentReleases(access, inputs.config, inputs.octokit, this.#options.log, this.#options.serverUrl);
      }
      desired = desiredPage({
        page: { file: inputs.config.page, text: inputs.page },
        serverUrl: this.#options.serverUrl,
        ...(target.testedMatrix
          ? {
              testedMatrix: {
                sources: workflows.map((w) => withDefaultBranch(w.snapshot, runs)),
                template: inputs.templates.testedMatrix,
                results: { runs, failingAfter: inputs.config.results.failingAfter },
                pendingBlock,
              },
            }
          : {}),
        ...(target.releaseChangelog ? { releaseChangelog: { releases, template: inputs.templates.releaseChangelog } } : {}),
      });
    } catch (error) {
      return this.#failed(kind, inputs, workflows, error);
    }
    return this.#propose(kind, inputs, target, workflows, releases, desired, checkSources && target.testedMatrix);
  }

  #logUnmatched(desired: DesiredPage): void {
    for (const s of desired.sourceResults) {
      if (s.results.unmatched.length === 0) continue;
      this.#options.log.warn(
        { repository: s.repository, workflow: s.workflow, run: s.results.run?.url, jobs: s.results.unmatched.map((j) => j.name) },
        "CI jobs that match no predicted job name: listed in the pull request body, not placed in a cell",
      );
    }
  }

  /** The tested-matrix block on the bot's branch, if it has one: results it shows stand while still true. */
  async #pendingBlock(inputs: Inputs, target: Target): Promise<string | null> {
    const file = await readTextFile(inputs.octokit, this.#options.docs, inputs.config.page, target.pullRequest.branch);
    if (!file) return null;
    try {
      return readBlock(file.text, TESTED_MATRIX_BLOCK, inputs.config.page);
    } catch {
      return null;
    }
  }

  async #readDocs(access: GitHubAccess): Promise<Inputs> {
    const { docs } = this.#options;
    const octokit = await access.forRepository(docs);
    this.#info ??= await readRepositoryInfo(octokit, docs);
    const head = await readBranchHead(octokit, docs, this.#info.defaultBranch).catch((error: unknown) => {
      // A renamed default branch: forget the cached name so the next reconcile reads it again.
      this.#info = undefined;
      throw error;
    });
    const read = await this.#options.configs.at(octokit, docs, head.sha, { defaultBranch: this.#info.defaultBranch });
    const problems: LocatedError[] = [...read.problems];
    const config = read.config;
    const page = config ? await readTextFile(octokit, docs, config.page, head.sha) : null;
    if (config && !page) problems.push(new LocatedError({ file: config.page, line: 1, col: 1 }, "the page does not exist on the default branch"));
    const templates = config ? await this.#templates(octokit, config, head.sha, problems) : null;
    if (read.fresh || this.#problems.open || problems.length > read.problems.length) {
      await this.#problems.record("docs", problems, { octokit, headSha: head.sha, identity: () => access.identity() });
    }
    if (!config || !page || !templates || problems.length > read.problems.length) throw new Blocked(problems);
    return { access, octokit, info: this.#info, head, config, page: page.text, templates };
  }

  async #templates(
    octokit: GitHubClient,
    config: Config,
    sha: string,
    problems: LocatedError[],
  ): Promise<Record<DefaultTemplateName, TemplateSource> | null> {
    const overrides: Record<DefaultTemplateName, string | null> = {
      testedMatrix: config.templates.testedMatrix,
      releaseChangelog: config.templates.releaseChangelog,
      pullRequestBody: config.templates.pullRequestBody,
    };
    const entries = await Promise.all(
      (Object.keys(overrides) as DefaultTemplateName[]).map(async (name) => {
        const path = overrides[name];
        if (path === null) return [name, await loadDefaultTemplate(name)] as const;
        const file = await readTextFile(octokit, this.#options.docs, path, sha);
        if (!file) problems.push(new LocatedError({ file: CONFIG_PATH, line: 1, col: 1 }, `templates: "${path}" does not exist on the default branch`));
        return [name, file ? { file: path, text: file.text } : null] as const;
      }),
    );
    if (entries.some(([, source]) => source === null)) return null;
    return Object.fromEntries(entries) as Record<DefaultTemplateName, TemplateSource>;
  }

  /** A broken source changes no page and no PR: the author hears of it on the commit that broke it. */
  async #failed(kind: ReconcileKind, inputs: Inputs, workflows: readonly CurrentWorkflow[], error: unknown): Promise<ReconcileReport> {
    if (error instanceof NothingRunsError) {
      // Nothing is wrong with any one commit: the configuration points only at workflows CI never runs.
      await this.#recordKindProblems(kind, inputs, error.problems);
      return report(kind, "failed", null, error.problems);
    }
    if (error instanceof WorkflowError) {
      const broken = workflows.filter((w) => w.snapshot.path === error.location.file);
      for (const w of broken) await this.#markCommit(inputs.access, w.snapshot, error);
      return report(kind, "failed", null, [error]);
    }
    if (error instanceof SourceUnavailableError) {
      const problem = new LocatedError({ file: CONFIG_PATH, line: 1, col: 1 }, error.message);
      await this.#recordKindProblems(kind, inputs, [problem]);
      return report(kind, "failed", null, [problem]);
    }
    if (error instanceof ComponentUnavailableError) {
      // The changelog and its pull request stay as they are: one unreadable row must not blank or drop the others.
      this.#options.log.warn({ component: error.repository, status: error.status }, error.message);
      const problem = new LocatedError({ file: CONFIG_PATH, line: 1, col: 1 }, `components: ${error.message}`);
      await this.#recordKindProblems(kind, inputs, [problem]);
      return report(kind, "failed", null, [problem]);
    }
    if (error instanceof LocatedError) {
      // A template or the page itself: the docs maintainers' files, reported on the docs repository.
      await this.#recordKindProblems(kind, inputs, [error]);
      return report(kind, "failed", null, [error]);
    }
    throw error;
  }

  #recordKindProblems(kind: ReconcileKind, inputs: Inputs, problems: readonly LocatedError[]): Promise<void> {
    return this.#problems.record(kind, problems, { octokit: inputs.octokit, headSha: inputs.head.sha, identity: () => inputs.access.identity() });
  }

  async #markCommit(access: GitHubAccess, snapshot: WorkflowSnapshot, error: WorkflowError): Promise<void> {
    const key = `${snapshot.repository}@${snapshot.sha}:${error.message}`;
    if (this.#statusesSet.has(key)) return;
    const repository = parseRepository(snapshot.repository);
    const octokit = await access.forRepository(repository);
    await setCommitStatus(octokit, repository, snapshot.sha, {
      state: "failure",
      context: STATUS_CONTEXT,
      description: error.message,
      targetUrl: blobUrl(this.#options.serverUrl, { repository: snapshot.repository, ref: snapshot.sha, path: snapshot.path }, error.location.line),
    });
    this.#statusesSet.add(key);
    this.#options.log.warn({ source: snapshot.repository, sha: snapshot.sha, problem: error.message }, "workflow cannot be read; no docs change");
  }

  async #propose(
    kind: ReconcileKind,
    inputs: Inputs,
    target: Target,
    workflows: readonly CurrentWorkflow[],
    releases: readonly ComponentRelease[],
    desired: DesiredPage,
    checkSources: boolean,
  ): Promise<ReconcileReport> {
    const { docs, log } = this.#options;
    const { access } = inputs;
    // What changed is only worth reading for when something did.
    const matrix = target.testedMatrix && desired.text !== inputs.page ? await this.#matrixSummary(inputs, workflows, desired) : null;
    const releaseSummary: ReleaseChangeSummary | null = target.releaseChangelog
      ? summarizeReleases(desired.previous.releases && recordedReleases(desired.previous.releases, releases, this.#options.serverUrl), releases)
      : null;
    let text;
    try {
      text = pullRequestText({
        titleTemplate: { file: `${CONFIG_PATH} (pull request title)`, text: target.pullRequest.title },
        bodyTemplate: inputs.templates.pullRequestBody,
        page: { path: inputs.config.page, url: `${inputs.info.htmlUrl}/blob/${inputs.head.branch}/${inputs.config.page}` },
        configFile: CONFIG_PATH,
        sources: desired.sources,
        matrix: target.testedMatrix ? (matrix ?? summarizeMatrix({ before: [], after: [], causes: [], findings: [] })) : null,
        releases: releaseSummary,
        serverUrl: this.#options.serverUrl,
        results: target.testedMatrix
          ? summarizeResults(desired.previous.results, desired.results, desired.sourceResults, inputs.config.results.failingAfter)
          : null,
        neverRuns: desired.neverRuns.map(({ source, problem }) => ({
          problem,
          url: blobUrl(this.#options.serverUrl, { repository: source.repository, ref: source.sha, path: source.path }, problem.location.line),
        })),
      });
      this.#logUnmatched(desired);
    } catch (error) {
      return this.#failed(kind, inputs, workflows, error);
    }
    const identity = target.pullRequest.signoff && desired.text !== inputs.page ? await access.identity() : null;
    const sources = desired.sources.map((s) => `${s.repository}@${s.sha}`);
    const result = await converge(
      { octokit: inputs.octokit, identity: () => access.identity(), log },
      {
        docs,
        head: inputs.head,
        pagePath: inputs.config.page,
        currentPage: inputs.page,
        desiredPage: desired.text,
        settings: target.pullRequest,
        title: text.title,
        body: text.body,
        commitMessage: commitMessage(text, desired.sources, identity),
        sources,
        ...(checkSources ? { seenSources: seenSourcesOf(workflows) } : {}),
      },
    ).catch(async (error: unknown) => {
      if (!(error instanceof BotBranchRefusedError)) throw error;
      return this.#branchRefused(kind, inputs, target, error);
    });
    if ("problem" in result) return report(kind, "blocked", null, [result.problem]);
    const pull = result.pull && { number: result.pull.number, url: result.pull.url };
    // A source GitHub never runs is told in the pull request body; with no pull request to carry it, in the issue.
    const untold = pull ? [] : desired.neverRuns.map((n) => n.problem);
    // This kind works again: what it alone had reported is fixed.
    if (untold.length > 0 || this.#problems.has(kind)) await this.#recordKindProblems(kind, inputs, untold);
    return report(kind, result.outcome, pull, []);
  }

  /** Reported where the branch is configured, in the sticky issue: the docs maintainers choose another name. */
  async #branchRefused(kind: ReconcileKind, inputs: Inputs, target: Target, error: BotBranchRefusedError): Promise<{ problem: LocatedError }> {
    const key = target.pullRequest === inputs.config.pullRequest ? "pull_request" : "release_pull_request";
    const file = await readTextFile(inputs.octokit, this.#options.docs, CONFIG_PATH, inputs.head.sha);
    const location = (file && locateConfigKey({ file: CONFIG_PATH, text: file.text }, [key, "branch"])) ?? { file: CONFIG_PATH, line: 1, col: 1 };
    const problem = new LocatedError(location, `${key}.branch: ${error.message}`);
    this.#options.log.warn({ branch: error.branch }, error.message);
    await this.#recordKindProblems(kind, inputs, [problem]);
    return { problem };
  }

  async #matrixSummary(inputs: Inputs, workflows: readonly CurrentWorkflow[], desired: DesiredPage): Promise<MatrixChangeSummary> {
    const recorded = await readRecordedWorkflows(inputs.access, inputs.config, inputs.octokit, desired.previous.sources);
    const previous = recorded && safeExpand(recorded);
    // Only the sources the table is made of can have caused its change; one GitHub never runs made no row.
    const used = workflows.filter((w) => desired.expanded.some((e) => e.record.repository === w.snapshot.repository && e.record.path === w.snapshot.path));
    const causes = used.flatMap((w) => {
      const since = desired.previous.sources.find((s) => s.repository === w.snapshot.repository && s.path === w.snapshot.path)?.sha;
      const newer = since ? takeUntil(w.recentCommits, (c) => c.sha === since) : w.recentCommits.slice(0, 1);
      return newer.map((c) => ({ ...c, repository: w.snapshot.repository }));
    });
    return summarizeMatrix({
      before: previous ? testedImagesOf(previous) : null,
      after: desired.testedImages ?? [],
      causes,
      findings: desired.expanded.flatMap((now) => findingsOf(now, previous, this.#options.serverUrl)),
    });
  }
}

function report(
  kind: ReconcileKind,
  outcome: ReconcileOutcome,
  pullRequest: ReconcileReport["pullRequest"],
  problems: readonly LocatedError[],
): ReconcileReport {
  return { kind, outcome, pullRequest, problems: problems.map((p) => p.message) };
}

/** The source repository's default branch came with its runs (one read serves both): the "never runs" check needs it. */
function withDefaultBranch(snapshot: WorkflowSnapshot, runs: readonly WorkflowRuns[]): WorkflowSnapshot {
  const read = runs.find((r) => r.repository.toLowerCase() === snapshot.repository.toLowerCase() && r.workflow === snapshot.path);
  return read ? { ...snapshot, defaultBranch: read.branch } : snapshot;
}

/** `repository@sha` of every workflow commit this read listed, the current one included. */
function seenSourcesOf(workflows: readonly CurrentWorkflow[]): ReadonlySet<string> {
  return new Set(
    workflows.flatMap((w) => [w.snapshot.sha, ...w.recentCommits.map((c) => c.sha)].map((sha) => `${w.snapshot.repository}@${sha}`)),
  );
}

function takeUntil<T>(items: readonly T[], stop: (item: T) => boolean): T[] {
  const index = items.findIndex(stop);
  return index < 0 ? [...items] : items.slice(0, index);
}

/** An old version that no longer expands is no reason to fail today's proposal: it just cannot be compared. */
function safeExpand(snapshots: readonly WorkflowSnapshot[]): ExpandedSource[] | null {
  try {
    return snapshots.map(expandSource);
  } catch {
    return null;
  }
}

function findingsOf(
  now: ExpandedSource,
  previous: readonly ExpandedSource[] | null,
  serverUrl: string,
): { finding: CoverageFinding; url: string }[] {
  const before = previous?.find((p) => p.record.repository === now.record.repository && p.record.path === now.record.path);
  const findings = lintSource(now, before);
  const file = { repository: now.record.repository, ref: now.record.sha, path: now.record.path };
  return findings.map((finding) => ({ finding, url: blobUrl(serverUrl, file, finding.location.line) }));
}


