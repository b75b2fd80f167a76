// Assembles the running server from settings: our Octokit, Probot, the bot, the HTTP front, and their shutdown.
import { Probot, type Logger } from "probot";
import { AppInstallations } from "../github/github-access.js";
import { createSupportMatrixOctokit } from "../github/octokit.js";
import { parseRepository } from "../github/repository.js";
import type { StopReport } from "../sync/queue.js";
import { Bot } from "./bot.js";
import { createHttpServer } from "./http-server.js";
import { createMetrics, recordApiCall, type BotMetrics } from "./metrics.js";
import { AuthenticationReadiness, type ReadinessState } from "./readiness.js";
import type { Settings } from "./settings.js";

export interface RunningServer {
  readonly port: number;
  readonly bot: Bot;
  readonly metrics: BotMetrics;
  readonly log: Logger;
  /** Stops taking deliveries, drains the queue within the shutdown bound, closes the server. */
  stop(): Promise<StopReport>;
}

export interface StartOptions {
  /** Skip the startup reconcile and the timer (tests that drive every trigger themselves). */
  readonly reconcileOnStart?: boolean;
  /** A logger to use instead of Probot's (tests capture logs). */
  readonly log?: Logger;
}

export async function startServer(settings: Settings, options: StartOptions = {}): Promise<RunningServer> {
  const metrics = createMetrics();
  // Assigned once the logger exists; no API call happens before then.
  let announce: (state: ReadinessState) => void = () => {};
  const readiness = new AuthenticationReadiness({
    failuresBeforeUnready: settings.readinessAuthFailures,
    onChange: (state) => announce(state),
  });
  const Octokit = createSupportMatrixOctokit({
    ...settings.github,
    onApiCall: (event) => {
      recordApiCall(metrics, event);
      readiness.observe(event);
    },
  });
  const probot = new Probot({
    appId: settings.appId,
    privateKey: settings.privateKey,
    secret: settings.webhookSecret,
    baseUrl: settings.baseUrl,
    Octokit,
    logFormat: settings.logFormat,
    ...(settings.logLevel === "silent" ? {} : { logLevel: settings.logLevel }),
    ...(options.log ? { log: options.log } : {}),
  });
  await probot.ready();
  const log = options.log ?? (settings.logLevel === "silent" ? probot.log.child({}, { level: "silent" }) : probot.log);
  announce = (state) => {
    if (state.ready) log.info("GitHub accepts the app's credentials again: ready");
    else log.error({ reason: state.reason }, "not ready: /readyz answers 503 until GitHub accepts the credentials");
  };
  const bot = new Bot({
    docsRepository: parseRepository(settings.docsRepository.fullName),
    access: new AppInstallations(probot, settings.serverUrl),
    log: log.child({ name: "support-matrix-bot" }),
    metrics,
    concurrency: settings.reconcileConcurrency,
    serverUrl: settings.serverUrl,
    referenceUrl: settings.configReferenceUrl,
  });
  const http = await createHttpServer({
    probot,
    appFn: bot.appFn,
    webhookPath: settings.webhookPath,
    bodyLimitBytes: settings.webhookBodyLimitBytes,
    requestTimeoutMs: settings.webhookRequestTimeoutMs,
    metricsAccess: { port: settings.metricsPort, token: settings.metricsToken },
    metrics,
    readiness,
    log,
  });
  const port = await http.start({ port: settings.port, host: settings.host });
  if (options.reconcileOnStart ?? true) bot.start({ intervalMs: settings.reconcileIntervalMs });
  return {
    port,
    bot,
    metrics,
    log,
    stop: async () => {
      // Still listening while the queue drains: late deliveries and probes get a clear 503, not a refused connection.
      const deadline = Date.now() + settings.shutdownTimeoutMs;
      http.drain();
      const report = await bot.stop({ timeoutMs: settings.shutdownTimeoutMs });
      await http.stop({ graceMs: Math.max(0, deadline - Date.now()) });
      return report;
    },
  };
}
