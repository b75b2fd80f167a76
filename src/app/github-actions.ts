#!/usr/bin/env node
// GitHub Actions mode: the same Bot handles the one event that started the job (a schedule reconciles everything), then exits.
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as core from "@actions/core";
import { Probot, type Logger } from "probot";
import { codeSpan } from "../docs-page/markdown-text.js";
import { TokenAccess } from "../github/github-access.js";
import type { GitHubClient } from "../github/github-client.js";
import { createSupportMatrixOctokit } from "../github/octokit.js";
import { parseRepository } from "../github/repository.js";
import type { ReconcileReport } from "../sync/reconcile.js";
import { Bot } from "./bot.js";
import { createMetrics, recordApiCall, type BotMetrics } from "./metrics.js";
import { readSharedSettings, SettingsError, type SettingsProblem, type SharedSettings } from "./settings.js";
import { serverUrlOf } from "../web-links.js";

/** Events that carry no change of their own: they ask for every reconcile. */
export const RECONCILE_EVERYTHING: ReadonlySet<string> = new Set(["schedule", "workflow_dispatch", "repository_dispatch"]);

/** Exit codes: a reconcile failed or was blocked (its problems are reported on GitHub too); the job is misconfigured. */
export const EXIT_RECONCILE_FAILED = 1;
export const EXIT_BAD_SETTINGS = 2;

export interface ActionSettings extends SharedSettings {
  readonly token: string;
  /** `<app-slug>[bot]`: the bot's commits are told from people's by this login. */
  readonly botLogin: string;
  readonly apiUrl: string;
  /** GITHUB_SERVER_URL: the web server of the workflow's GitHub (github.com or a GitHub Enterprise Server). */
  readonly serverUrl: string;
  readonly eventName: string;
  readonly eventPath: string | undefined;
  /** Stands in for a webhook delivery id in logs. */
  readonly runId: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

export type ActionSettingsResult =
  | { readonly ok: true; readonly settings: ActionSettings }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] };

/** GitHub sets the GITHUB_* variables; the workflow passes APP_TOKEN and APP_SLUG from actions/create-github-app-token. */
export function readActionSettings(env: Environment): ActionSettingsResult {
  const shared = readSharedSettings(env);
  const problems: SettingsProblem[] = shared.ok ? [] : [...shared.problems];
  const value = (name: string): string | undefined => (env[name]?.trim() ? env[name]?.trim() : undefined);
  const required = (name: string, why: string): string => {
    const found = value(name);
    if (found === undefined) problems.push({ variable: name, message: `is required: ${why}` });
    return found ?? "";
  };
  const token = required(
    "APP_TOKEN",
    "the `token` output of actions/create-github-app-token (pull requests opened with the default GITHUB_TOKEN start no workflows on the docs repository)",
  );
  const slug = required("APP_SLUG", "the `app-slug` output of actions/create-github-app-token (the bot's login is `<slug>[bot]`)");
  const eventName = required("GITHUB_EVENT_NAME", "GitHub Actions sets it; outside Actions, set it to workflow_dispatch");
  const eventPath = value("GITHUB_EVENT_PATH");
  if (eventName && !RECONCILE_EVERYTHING.has(eventName) && eventPath === undefined) {
    problems.push({ variable: "GITHUB_EVENT_PATH", message: `is required for a "${eventName}" event (the payload to decide from)` });
  }
  const apiUrl = (value("GITHUB_API_URL") ?? "https://api.github.com").replace(/\/+$/, "");
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) problems.push({ variable: "GITHUB_API_URL", message: `"${apiUrl}" is not a URL` });
  // GitHub sets GITHUB_SERVER_URL in every job; outside Actions the API URL tells it.
  // https://docs.github.com/en/actions/reference/workflows-and-actions/variables#default-environment-variables
  const serverUrl = (value("GITHUB_SERVER_URL") ?? serverUrlOf(apiUrl)).replace(/\/+$/, "");
  if (!/^https?:\/\/[^\s/]+/.test(serverUrl)) problems.push({ variable: "GITHUB_SERVER_URL", message: `"${serverUrl}" is not a URL` });
  if (!shared.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      ...shared.settings,
      token,
      botLogin: slug.endsWith("[bot]") ? slug : `${slug}[bot]`,
      apiUrl,
      serverUrl,
      eventName,
      eventPath,
      runId: [value("GITHUB_RUN_ID") ?? "local", value("GITHUB_RUN_ATTEMPT")].filter(Boolean).join("."),
    },
  };
}

export interface ActionResult {
  readonly exitCode: 0 | typeof EXIT_RECONCILE_FAILED;
  /** What the event asked for, in words. */
  readonly decision: string;
  readonly reports: readonly ReconcileReport[];
  /** Reconciles that failed or were blocked, including ones that threw. */
  readonly failures: number;
  /** The Markdown for the job's step summary (GITHUB_STEP_SUMMARY). */
  readonly summary: string;
}

export interface ActionOptions {
  /** A logger to use instead of Probot's (tests capture logs). */
  readonly log?: Logger;
}

/** Runs one job's worth of work; throws SettingsError when the job is misconfigured. */
export async function runAction(env: Environment, options: ActionOptions = {}): Promise<ActionResult> {
  const read = readActionSettings(env);
  if (!read.ok) throw new SettingsError(read.problems);
  const { settings } = read;
  const metrics = createMetrics({ processMetrics: false });
  const Octokit = createSupportMatrixOctokit({ ...settings.github, onApiCall: (event) => recordApiCall(metrics, event) });
  const access = new TokenAccess(
    () => new Octokit({ auth: settings.token, baseUrl: settings.apiUrl }) as unknown as GitHubClient,
    settings.botLogin,
    settings.serverUrl,
  );
  const log = options.log ?? (await probotLogger(settings));
  const bot = new Bot({
    docsRepository: parseRepository(settings.docsRepository.fullName),
    access,
    log: log.child({ name: "support-matrix-bot" }),
    metrics,
    serverUrl: settings.serverUrl,
    referenceUrl: settings.configReferenceUrl,
  });

  let decision: string;
  if (RECONCILE_EVERYTHING.has(settings.eventName)) {
    bot.trigger(settings.eventName);
    decision = `a ${settings.eventName} run reconciles everything`;
  } else {
    const payload = JSON.parse(readFileSync(settings.eventPath as string, "utf8")) as object;
    // One event, no reconcile before it: judge it by the configured sources, not the built-in defaults.
    await bot.readConfiguration();
    const outcome = bot.receive({ id: `actions-${settings.runId}`, name: settings.eventName, payload });
    decision = outcome.action === "ignore" ? `nothing to do: ${outcome.reason}` : outcome.why;
  }
  await bot.idle();

  const reports = [...bot.lastReports.values()];
  const failures = await countFailures(metrics);
  const summary = await summaryOf(settings, decision, reports, failures, metrics);
  log.info({ event: settings.eventName, decision, failures, outcomes: reports.map((r) => `${r.kind}: ${r.outcome}`) }, "done");
  return { exitCode: failures > 0 ? EXIT_RECONCILE_FAILED : 0, decision, reports, failures, summary };
}

/** Probot's own logger (JSON or pretty, as LOG_FORMAT says), so both modes log alike. */
async function probotLogger(settings: ActionSettings): Promise<Logger> {
  const silent = settings.logLevel === "silent";
  const probot = new Probot({
    githubToken: settings.token,
    baseUrl: settings.apiUrl,
    logFormat: settings.logFormat,
    ...(silent ? {} : { logLevel: settings.logLevel }),
  });
  await probot.ready();
  return silent ? probot.log.child({}, { level: "silent" }) : probot.log;
}

async function countFailures(metrics: BotMetrics): Promise<number> {
  const { values } = await metrics.reconciles.get();
  return values.filter((v) => v.labels.outcome === "failed" || v.labels.outcome === "blocked").reduce((n, v) => n + v.value, 0);
}

async function summaryOf(
  settings: ActionSettings,
  decision: string,
  reports: readonly ReconcileReport[],
  failures: number,
  metrics: BotMetrics,
): Promise<string> {
  const calls = (await metrics.apiCalls.get()).values.reduce((n, v) => n + v.value, 0);
  const remaining = (await metrics.rateLimitRemaining.get()).values[0]?.value;
  const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const rows = reports.map((r) => `| ${r.kind} | ${r.outcome} | ${r.pullRequest ? `[#${r.pullRequest.number}](${r.pullRequest.url})` : "—"} |`);
  const problems = reports.flatMap((r) => r.problems.map((p) => `- ${r.kind}: ${codeSpan(p)}`));
  const lines = [
    "### support-matrix-bot",
    "",
    `${codeSpan(settings.eventName)} on ${settings.docsRepository.fullName}: ${cell(decision)}.`,
    "",
    ...(rows.length > 0 ? ["| Reconcile | Outcome | Pull request |", "| --- | --- | --- |", ...rows, ""] : []),
    ...(problems.length > 0 ? ["Problems:", "", ...problems, ""] : []),
    ...(failures > 0 && problems.length === 0 ? [`${failures} reconcile(s) failed: see the job log.`, ""] : []),
    `GitHub API: ${calls} call(s)${remaining === undefined ? "" : `, rate limit remaining ${remaining}`}.`,
    "",
  ];
  return lines.join("\n");
}

/**
 * Each problem becomes an error annotation on the run's summary page, the summary goes to the job's step summary,
 * and the exit code fails the job. @actions/core writes both as the runner expects (escaping included), so the
 * workflow-command syntax is GitHub's own toolkit's, not ours to keep in step.
 */
async function main(): Promise<void> {
  try {
    const result = await runAction(process.env);
    for (const problem of result.reports.flatMap((r) => r.problems)) core.error(problem, { title: "support-matrix-bot" });
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(result.summary).write();
    process.exitCode = result.exitCode;
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(error.message);
    process.exitCode = EXIT_BAD_SETTINGS;
  }
}

/** Run as a program (`node dist/app/github-actions.js`, or its npm bin link), not when imported by tests. */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) await main();
