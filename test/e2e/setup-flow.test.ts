// `npm run setup` runs Probot's setup flow (register the app from app.yml); `npm start` without credentials never does.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures.js";
import { buildMissing, distMain, ProcessOutput } from "./app-process.js";

const distSetup = join(projectRoot, "dist", "app", "setup.js");

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

/** A working directory as a newcomer has it: app.yml and package.json (Probot reads both), no .env. */
function newcomerDirectory(): string {
  const workDir = mkdtempSync(join(tmpdir(), "support-matrix-bot-setup-"));
  for (const file of ["app.yml", "package.json"]) copyFileSync(join(projectRoot, file), join(workDir, file));
  return workDir;
}

/** Starts `entry` as a newcomer would, in a fresh directory, with only `env` (no credentials); killed after the test. */
async function startAsNewcomer(entry: string, env: Record<string, string>): Promise<{ port: number; child: ReturnType<typeof spawn>; output: ProcessOutput }> {
  const workDir = newcomerDirectory();
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1", NO_SMEE_SETUP: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  cleanup = () => {
    child.kill("SIGKILL");
    rmSync(workDir, { recursive: true, force: true });
  };
  const output = new ProcessOutput();
  output.attach(child);
  return { port, child, output };
}

describe.skipIf(buildMissing(distMain) !== null)("npm start without credentials", () => {
  it("exits 1 listing the missing settings and pointing at npm run setup, never serving the setup flow", async () => {
    const { port, child, output } = await startAsNewcomer(distMain, {});
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    const text = output.text.join("\n");
    for (const variable of ["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET"]) expect(text).toMatch(new RegExp(`^\\s*${variable}: `, "m"));
    expect(text).toContain("npm run setup");
    await expect(fetch(`http://127.0.0.1:${port}/probot`)).rejects.toThrow();
  });
});

describe.skipIf(buildMissing(distSetup) !== null)("npm run setup", () => {
  it("serves Probot's registration page with the manifest of app.yml", async () => {
    // Probot reads app.yml and package.json from the working directory, and writes .env there.
    // No APP_ID or key; no smee.io channel (no network), as a newcomer on a closed machine.
    const { port, output } = await startAsNewcomer(distSetup, { LOG_LEVEL: "info" });
    await output.waitForLine((l) => /Listening on/.test(l.raw), { description: "Probot listening" });

    const page = await fetch(`http://127.0.0.1:${port}/probot`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Register GitHub App");
    // The manifest GitHub will be sent: our permissions and events, not Probot's defaults.
    const manifest = html.replace(/&quot;/g, '"');
    expect(manifest).toContain('"name":"support-matrix-bot"');
    expect(manifest).toMatch(/"default_permissions":\{"metadata":"read","contents":"write","pull_requests":"write","issues":"write","statuses":"write","checks":"write","actions":"read"\}/);
    expect(manifest).toMatch(/"default_events":\["push","release","pull_request","issue_comment","workflow_run"\]/);
  });
});
