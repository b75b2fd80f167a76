// `npm start`: the server. Without credentials (outside production) it runs Probot's setup flow from app.yml instead.
import { existsSync } from "node:fs";
import { run } from "probot";
import { readSettings, SettingsError } from "./settings.js";
import { startServer } from "./server.js";

// Probot's setup flow writes the new app's credentials to .env; read it as Probot would.
if (existsSync(".env")) process.loadEnvFile(".env");

const env = process.env;
const hasCredentials = Boolean(env.APP_ID) && Boolean(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH);

if (!hasCredentials && env.NODE_ENV !== "production") {
  // Registers the GitHub App from app.yml (the manifest flow) and saves APP_ID, PRIVATE_KEY and WEBHOOK_SECRET.
  await run(() => {});
} else {
  const result = readSettings(env);
  if (!result.ok) {
    console.error(new SettingsError(result.problems).message);
    process.exit(1);
  }
  const server = await startServer(result.settings);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, "shutting down: no new deliveries; finishing queued work");
    server
      .stop()
      .then((report) => {
        server.log.info({ handedBack: report.pending, unfinished: report.unfinished }, "stopped; the next start reconciles whatever was handed back");
        process.exit(0);
      })
      .catch((error: unknown) => {
        server.log.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}
