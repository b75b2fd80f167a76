// Previews a source pull request's docs change as a check run on its head commit: read, compute (pure), publish.
import type { Logger } from "probot";
import type { Config, MatrixSource } from "../config/index.js";
import { loadDefaultTemplate } from "../docs-page/default-templates.js";
import type { TemplateSource } from "../docs-page/template-source.js";
import {
  createCheckRun,
  findCheckRun,
  listCheckAnnotations,
  updateCheckRun,
  type CheckAnnotation,
  type CheckRunContent,
} from "../github/check-run.js";
import { clientOrFallback, type GitHubAccess } from "../github/github-access.js";
import type { GitHubClient } from "../github/github-client.js";
import { pullRequestTouches } from "../github/pull-request-files.js";
import { fullNameOf, parseRepository, sameRepository, type RepositoryRef } from "../github/repository.js";
import { FileTooLargeError, readBranchHead, readRepositoryInfo, readTextFile, type RepositoryInfo } from "../github/repository-files.js";
import { ConfigHistory } from "./config-at-commit.js";
import { readCurrentWorkflows } from "./current-sources.js";
import type { SourceVersions } from "./pull-request-impact.js";
import { computePreviewOffThread, DEFAULT_PREVIEW_BUDGET, type PreviewBudget } from "./preview-off-thread.js";
import { PREVIEW_CHECK_NAME, previewReport, type PreviewContext } from "./preview-report.js";
import { snapshotOfSource, type WorkflowSnapshot } from "./workflow-snapshot.js";

/** The pull request to preview, as its webhook named it. Repositories are `owner/name`. */
export interface PreviewRequest {
  readonly repository: string;
  readonly pullNumber: number;
  readonly headSha: string;
  /** Where the head commit lives (a fork, possibly); null when that repository was deleted. */
  readonly headRepository: string | null;
  readonly baseRef: string;
  readonly baseSha: string;
}

export type PreviewOutcome =
  /** The docs configuration cannot be read, or turns previews off. */
  | "no-config"
  | "disabled"
  /** The pull request leaves every configured workflow alone: nothing is posted. */
  | "untouched"
  | "created"
  | "updated"
  /** The run already said exactly this. */
  | "unchanged"
  /** GitHub cannot remove annotations: a run whose annotations went stale is replaced by a new one. */
  | "replaced";

export interface PreviewReport {
  readonly outcome: PreviewOutcome;
  readonly conclusion?: CheckRunContent["conclusion"];
}

export interface PreviewerOptions {
  readonly docs: RepositoryRef;
  readonly log: Logger;
  /** The web server the previewed page's links point at. */
  readonly serverUrl: string;
  /** The reconcile's configuration history: its last valid config, or a read of the docs head before there is one. */
  readonly configs: ConfigHistory;
  /** What one preview may spend in its worker thread before it is reported as too large to preview. */
  readonly budget?: PreviewBudget;
}

interface DocsHead {
  readonly info: RepositoryInfo;
  readonly sha: string;
}

export class PullRequestPreviewer {
  readonly #options: PreviewerOptions;
  #info: RepositoryInfo | undefined;

  constructor(options: PreviewerOptions) {
    this.#options = options;
  }

  /** Nothing from the pull request runs: its workflow is read as text through the API and expanded here. */
  async preview(request: PreviewRequest, access: GitHubAccess): Promise<PreviewReport> {
    const { docs, configs } = this.#options;
    const docsClient = await access.forRepository(docs);
    let docsHead: DocsHead | undefined;
    let config = configs.lastValid;
    if (!config) {
      docsHead = await this.#docsHead(docsClient);
      config = (await configs.at(docsClient, docs, docsHead.sha, { defaultBranch: docsHead.info.defaultBranch })).config;
    }
    if (!config) return { outcome: "no-config" };
    if (!config.preview.enabled) return { outcome: "disabled" };
    const own = config.sources.filter((s) => sameRepository(s.repository, request.repository));
    if (own.length === 0) return { outcome: "untouched" };

    const repository = parseRepository(request.repository);
    const octokit = await access.forRepository(repository);
    const files = await pullRequestTouches(octokit, repository, request.pullNumber, [...new Set(own.map((s) => s.workflow))]);
    if (files.touched.length === 0 && !files.incomplete) return { outcome: "untouched" };

    const reader = new PullRequestReader(access, octokit, repository, request);
    const versions = await this.#versions(config, request, reader, files.incomplete ? null : files.touched, access, docsClient).catch(
      (error: unknown) => {
        // A file over the size limit was refused from its metadata, before download: say so on the pull request.
        if (error instanceof FileTooLargeError) return error;
        throw error;
      },
    );
    if (Array.isArray(versions) && !versions.some((v) => v.changed)) return { outcome: "untouched" };

    docsHead ??= await this.#docsHead(docsClient);
    const context: PreviewContext = {
      docsRepository: fullNameOf(docs),
      pageUrl: `${docsHead.info.htmlUrl}/blob/${docsHead.info.defaultBranch}/${config.page}`,
      baseRef: request.baseRef,
      conclusionOnCoverageLoss: config.preview.conclusionOnCoverageLoss,
    };
    let content: CheckRunContent;
    if (versions instanceof FileTooLargeError) {
      content = previewReport({ kind: "unreadable", error: versions }, context);
    } else {
      const [page, template] = await Promise.all([
        readTextFile(docsClient, docs, config.page, docsHead.sha),
        this.#template(docsClient, config, docsHead.sha),
      ]);
      // The pull request's workflow is untrusted: it is expanded off the event loop, within a budget.
      content = await computePreviewOffThread(
        {
          impact: { sources: versions, page: page && { file: config.page, text: page.text }, template, serverUrl: this.#options.serverUrl },
          context,
        },
        this.#options.budget ?? DEFAULT_PREVIEW_BUDGET,
        { onStart: () => this.#options.log.debug({ pullRequest: `${request.repository}#${request.pullNumber}` }, "preview worker started") },
      );
    }
    const outcome = await publish(octokit, repository, request.headSha, content);
    return { outcome, conclusion: content.conclusion };
  }

  async #docsHead(docsClient: GitHubClient): Promise<DocsHead> {
    this.#info ??= await readRepositoryInfo(docsClient, this.#options.docs);
    const info = this.#info;
    const head = await readBranchHead(docsClient, this.#options.docs, info.defaultBranch).catch((error: unknown) => {
      this.#info = undefined;
      throw error;
    });
    return { info, sha: head.sha };
  }

  async #template(docsClient: GitHubClient, config: Config, sha: string): Promise<TemplateSource> {
    const path = config.templates.testedMatrix;
    const file = path === null ? null : await readTextFile(docsClient, this.#options.docs, path, sha);
    // A missing override blocks the reconcile, which reports it; the preview still shows the default rendering.
    return file && path !== null ? { file: path, text: file.text } : loadDefaultTemplate("testedMatrix");
  }

  /**
   * Every configured source before and after: this repository's workflows at the base and head commits,
   * other repositories' at their latest (the same on both sides, so only this pull request shows).
   * `touched` is null when GitHub's file list may be incomplete: then the texts decide.
   */
  async #versions(
    config: Config,
    request: PreviewRequest,
    reader: PullRequestReader,
    touched: readonly string[] | null,
    access: GitHubAccess,
    docsClient: GitHubClient,
  ): Promise<SourceVersions[]> {
    const others = config.sources.filter((s) => !sameRepository(s.repository, request.repository));
    const elsewhere = others.length > 0 ? await readCurrentWorkflows(access, { ...config, sources: others }, docsClient) : [];
    return Promise.all(
      config.sources.map(async (source): Promise<SourceVersions> => {
        const current = elsewhere[others.indexOf(source)];
        if (current) return { base: current.snapshot, head: current.snapshot, changed: false };
        const mayChange = touched === null || touched.includes(source.workflow);
        const head = await reader.workflowAtHead(source);
        const base = mayChange ? await reader.workflowAtBase(source) : head && { ...head, sha: request.baseSha };
        return { base, head, changed: mayChange && base?.text !== head?.text };
      }),
    );
  }
}

/** Reads a pull request's workflow versions; a fork's head commit from the base repository, else from the fork. */
class PullRequestReader {
  constructor(
    private readonly access: GitHubAccess,
    private readonly octokit: GitHubClient,
    private readonly repository: RepositoryRef,
    private readonly request: PreviewRequest,
  ) {}

  async workflowAtBase(source: MatrixSource): Promise<WorkflowSnapshot | null> {
    const file = await readTextFile(this.octokit, this.repository, source.workflow, this.request.baseSha);
    return file && snapshotOfSource(source, this.request.baseSha, file.text);
  }

  async workflowAtHead(source: MatrixSource): Promise<WorkflowSnapshot | null> {
    const { headSha, headRepository, repository } = this.request;
    let file = await readTextFile(this.octokit, this.repository, source.workflow, headSha);
    if (!file && headRepository && !sameRepository(headRepository, repository)) {
      const fork = parseRepository(headRepository);
      file = await readTextFile(await clientOrFallback(this.access, fork, this.octokit), fork, source.workflow, headSha);
    }
    return file && snapshotOfSource(source, headSha, file.text);
  }

}


/** Re-runs on one head commit update its run in place; identical output costs no write at all. */
async function publish(octokit: GitHubClient, repository: RepositoryRef, headSha: string, content: CheckRunContent): Promise<PreviewOutcome> {
  const existing = await findCheckRun(octokit, repository, headSha, PREVIEW_CHECK_NAME);
  if (!existing) {
    await createCheckRun(octokit, repository, { name: PREVIEW_CHECK_NAME, headSha, content });
    return "created";
  }
  const have = existing.annotationCount > 0 ? await listCheckAnnotations(octokit, repository, existing.id) : [];
  const haveKeys = new Set(have.map(annotationKey));
  const wantKeys = new Set(content.annotations.map(annotationKey));
  if (have.some((a) => !wantKeys.has(annotationKey(a)))) {
    await createCheckRun(octokit, repository, { name: PREVIEW_CHECK_NAME, headSha, content });
    return "replaced";
  }
  const missing = content.annotations.filter((a) => !haveKeys.has(annotationKey(a)));
  const same =
    existing.conclusion === content.conclusion &&
    existing.title === content.title &&
    existing.summary === content.summary &&
    (existing.text ?? "") === content.text;
  if (same && missing.length === 0) return "unchanged";
  await updateCheckRun(octokit, repository, existing.id, content, missing);
  return "updated";
}

function annotationKey(a: CheckAnnotation): string {
  return JSON.stringify([a.path, a.start_line, a.end_line, a.annotation_level, a.title ?? "", a.message]);
}
