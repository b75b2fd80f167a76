// `npm start` without credentials: Probot's setup flow offers to register the app from app.yml.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures.js";
import { buildMissing, distMain, ProcessOutput } from "./app-process.js";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe.skipIf(buildMissing(distMain) !== null)("the setup flow", () => {
  it("serves Probot's registration page with the manifest of app.yml", async () => {
    // Probot reads app.yml and package.json from the working directory, and writes .env there.
    const workDir = mkdtempSync(join(tmpdir(), "support-matrix-bot-setup-"));
    for (const file of ["app.yml", "package.json"]) copyFileSync(join(projectRoot, file), join(workDir, file));
    const port = await freePort();
    const child = spawn(process.execPath, [distMain], {
      cwd: workDir,
      // No APP_ID or key; no smee.io channel (no network), as a newcomer on a closed machine.
      env: { PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1", NO_SMEE_SETUP: "true", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    cleanup = () => {
      child.kill("SIGKILL");
      rmSync(workDir, { recursive: true, force: true });
    };
    const output = new ProcessOutput();
    output.attach(child);
    await output.waitForLine((l) => /Listening on/.test(l.raw), { description: "Probot listening" });

    const page = await fetch(`http://127.0.0.1:${port}/probot`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Register GitHub App");
    // The manifest GitHub will be sent: our permissions and events, not Probot's defaults.
    const manifest = html.replace(/&quot;/g, '"');
    expect(manifest).toContain('"name":"support-matrix-bot"');
    expect(manifest).toMatch(/"default_permissions":\{"metadata":"read","contents":"write","pull_requests":"write","issues":"write","statuses":"write","checks":"write"\}/);
    expect(manifest).toMatch(/"default_events":\["push","release","pull_request","issue_comment"\]/);
  });
});
