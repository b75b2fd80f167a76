// `npm start`: the server. Without credentials it exits listing what is missing; `npm run setup` registers the app.
import { existsSync } from "node:fs";
import { readSettings, SettingsError } from "./settings.js";
import { startServer } from "./server.js";

// `npm run setup` writes the new app's credentials to .env; read it as Probot would.
if (existsSync(".env")) process.loadEnvFile(".env");

const result = readSettings(process.env);
if (!result.ok) {
  console.error(new SettingsError(result.problems).message);
  const missing = result.problems.some((p) => ["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET"].includes(p.variable) && p.message.includes("required"));
  if (missing) console.error("To register a new GitHub App from app.yml and write these to .env, run `npm run setup`.");
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
