// The real server pointed at the GitHub simulator, configured as a deployment would be: for e2e tests, the demo and the bench.
import type { Logger } from "probot";
import { startServer, type RunningServer } from "../../src/app/server.js";
import { readSettings } from "../../src/app/settings.js";
import type { GitHubSimulator } from "../github-simulator/index.js";

export const SECRET = "e2e-webhook-secret";

export function appEnvironment(sim: GitHubSimulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    APP_ID: String(sim.app.id),
    PRIVATE_KEY: sim.app.privateKey,
    WEBHOOK_SECRET: SECRET,
    GHE_HOST: sim.host,
    GHE_PROTOCOL: "http",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "info",
    RECONCILE_INTERVAL: "0",
    // Production paces writes a second apart and backs off in seconds; tests keep the logic, not the waits.
    GITHUB_WRITE_PACING: "0ms",
    GITHUB_RETRY_BACKOFF: "5ms",
    GITHUB_SECONDARY_RATE_LIMIT_WAIT: "10ms",
    SHUTDOWN_TIMEOUT: "5s",
    ...extra,
  };
}

/**
 * The real server, started in this process against the simulator, as a deployment would start it. Tests
 * trigger reconciles themselves, so by default there is no startup reconcile; the process still reads its
 * configuration, as that reconcile would have, so that events are judged by the docs repository's file.
 */
export async function startAppAgainst(
  sim: GitHubSimulator,
  options: {
    readonly env?: Record<string, string>;
    readonly log?: Logger;
    readonly reconcileOnStart?: boolean;
    /** false: the process has not read its configuration yet (it judges events by the built-in defaults). */
    readonly readConfiguration?: boolean;
  } = {},
): Promise<RunningServer> {
  const result = readSettings(appEnvironment(sim, options.env));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.variable}: ${p.message}`).join("; "));
  const reconcileOnStart = options.reconcileOnStart ?? false;
  const app = await startServer(result.settings, { ...(options.log ? { log: options.log } : {}), reconcileOnStart });
  if (!reconcileOnStart && (options.readConfiguration ?? true)) await app.bot.readConfiguration();
  return app;
}

export function webhookUrlOf(app: RunningServer): string {
  return `http://127.0.0.1:${app.port}/api/github/webhooks`;
}
