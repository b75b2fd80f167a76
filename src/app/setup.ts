// `npm run setup`: Probot's setup flow, only when asked; it registers the GitHub App from app.yml and writes .env.
import { existsSync } from "node:fs";
import { run } from "probot";

// The flow answers an unauthenticated POST /probot/import by writing credentials to .env, so it never
// runs by accident (`npm start` refuses to start without credentials instead) and, like Probot's default,
// listens on localhost only unless HOST says otherwise.
if (existsSync(".env")) process.loadEnvFile(".env");
if (process.env.APP_ID && (process.env.PRIVATE_KEY || process.env.PRIVATE_KEY_PATH)) {
  console.error("APP_ID and a private key are already set (environment or .env): nothing to set up. Run `npm start`.");
  process.exit(1);
}
await run(() => {});
