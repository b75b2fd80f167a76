// Settings from the environment: defaults, every problem at once, and the variable table kept complete.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  readSettings,
  redactedSettings,
  settingsVariables,
  settingsVariablesMarkdown,
  type Settings,
  type SettingsResult,
} from "../../src/app/settings.js";
import { defaultGitHubClientTuning } from "../../src/github/octokit.js";

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const required = { APP_ID: "12345", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: "s3cret-0123456789abcdef" };

function settingsOf(result: SettingsResult): Settings {
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.settings;
}

function problemsOf(result: SettingsResult): readonly { variable: string; message: string }[] {
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

describe("readSettings", () => {
  it("fills every default from the table for a minimal environment", () => {
    const settings = settingsOf(readSettings(required));
    expect(settings).toMatchObject({
      appId: 12345,
      webhookSecret: "s3cret-0123456789abcdef",
      port: 3000,
      host: undefined,
      webhookPath: "/api/github/webhooks",
      webhookBodyLimitBytes: 5 * 1024 * 1024,
      webhookRequestTimeoutMs: 30_000,
      logLevel: "info",
      logFormat: "json",
      baseUrl: "https://api.github.com",
      docsRepository: { owner: "kairos-io", repo: "kairos-docs", fullName: "kairos-io/kairos-docs" },
      reconcileIntervalMs: 3_600_000,
      reconcileConcurrency: 2,
      shutdownTimeoutMs: 20_000,
    });
    expect(settings.privateKey).toContain("BEGIN RSA PRIVATE KEY");
  });

  it("uses the GitHub client's production defaults when no tuning variable is set", () => {
    expect(settingsOf(readSettings(required)).github).toEqual(defaultGitHubClientTuning);
  });

  it("refuses to start without a webhook secret, app id or key, listing every problem", () => {
    const problems = problemsOf(readSettings({ PORT: "http" }));
    expect(problems.map((p) => p.variable).sort()).toEqual(["APP_ID", "PORT", "PRIVATE_KEY", "WEBHOOK_SECRET"]);
  });

  it("treats an empty variable as unset", () => {
    const problems = problemsOf(readSettings({ ...required, WEBHOOK_SECRET: "  " }));
    expect(problems).toEqual([{ variable: "WEBHOOK_SECRET", message: "is required" }]);
  });

  it.each([
    ["development", "well-known"],
    ["s3cret", "6 characters"],
    ["0123456789abcde", "15 characters"],
  ])("refuses the weak webhook secret %j without echoing it", (secret, why) => {
    const problems = problemsOf(readSettings({ ...required, WEBHOOK_SECRET: secret }));
    expect(problems).toEqual([{ variable: "WEBHOOK_SECRET", message: expect.stringContaining(why) }]);
    expect(problems[0]?.message).not.toContain(secret);
  });

  it("accepts a webhook secret of 16 characters", () => {
    expect(settingsOf(readSettings({ ...required, WEBHOOK_SECRET: "0123456789abcdef" })).webhookSecret).toBe("0123456789abcdef");
  });

  it("builds the GitHub Enterprise API base from GHE_HOST and GHE_PROTOCOL", () => {
    expect(settingsOf(readSettings({ ...required, GHE_HOST: "ghe.example.com" })).baseUrl).toBe("https://ghe.example.com/api/v3");
    expect(settingsOf(readSettings({ ...required, GHE_HOST: "ghe.local:8080", GHE_PROTOCOL: "http" })).baseUrl).toBe(
      "http://ghe.local:8080/api/v3",
    );
    expect(problemsOf(readSettings({ ...required, GHE_HOST: "https://ghe.example.com" }))[0]?.variable).toBe("GHE_HOST");
  });

  it.each([
    ["30m", 1_800_000],
    ["90", 90_000],
    ["1h30m", 5_400_000],
    ["0", null],
  ])("reads RECONCILE_INTERVAL=%s", (text, expected) => {
    expect(settingsOf(readSettings({ ...required, RECONCILE_INTERVAL: text })).reconcileIntervalMs).toBe(expected);
  });

  it("rejects durations, sizes and repositories it cannot read", () => {
    const problems = problemsOf(
      readSettings({ ...required, RECONCILE_INTERVAL: "soon", WEBHOOK_BODY_LIMIT: "25 MB", DOCS_REPOSITORY: "kairos-docs" }),
    );
    expect(problems.map((p) => p.variable)).toEqual(["WEBHOOK_BODY_LIMIT", "DOCS_REPOSITORY", "RECONCILE_INTERVAL"]);
  });

  it("reads the body limit in bytes or with a binary unit", () => {
    expect(settingsOf(readSettings({ ...required, WEBHOOK_BODY_LIMIT: "512KiB" })).webhookBodyLimitBytes).toBe(524_288);
    expect(settingsOf(readSettings({ ...required, WEBHOOK_BODY_LIMIT: "1000" })).webhookBodyLimitBytes).toBe(1000);
  });

  it("reads tuning knobs for tests and slow networks", () => {
    const github = settingsOf(readSettings({ ...required, GITHUB_WRITE_PACING: "0", GITHUB_RETRY_BACKOFF: "5ms" })).github;
    expect(github).toMatchObject({ writePacingMs: 0, serverErrorBackoffMs: 5 });
  });

  it("reads the key from PRIVATE_KEY_PATH relative to the working directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "settings-"));
    writeFileSync(join(dir, "app.pem"), privateKey);
    const env = { APP_ID: "1", WEBHOOK_SECRET: required.WEBHOOK_SECRET, PRIVATE_KEY_PATH: "app.pem" };
    expect(settingsOf(readSettings(env, { cwd: dir })).privateKey).toBe(privateKey);
    expect(problemsOf(readSettings({ ...env, PRIVATE_KEY_PATH: "missing.pem" }, { cwd: dir }))[0]).toMatchObject({
      variable: "PRIVATE_KEY_PATH",
      message: expect.stringContaining("missing.pem"),
    });
  });

  it("refuses a PRIVATE_KEY_PATH that points at a file that is not a key, without echoing it", () => {
    const dir = mkdtempSync(join(tmpdir(), "settings-"));
    writeFileSync(join(dir, "notes.txt"), "not-a-key-0xDEADBEEF\n");
    writeFileSync(join(dir, "fake.pem"), "-----BEGIN RSA PRIVATE KEY-----\n0xDEADBEEF\n-----END RSA PRIVATE KEY-----\n");
    for (const file of ["notes.txt", "fake.pem"]) {
      const problems = problemsOf(readSettings({ APP_ID: "1", WEBHOOK_SECRET: required.WEBHOOK_SECRET, PRIVATE_KEY_PATH: file }, { cwd: dir }));
      expect(problems).toEqual([{ variable: "PRIVATE_KEY_PATH", message: `"${file}" does not hold a PEM private key` }]);
      expect(JSON.stringify(problems)).not.toContain("0xDEADBEEF");
    }
  });

  it("refuses a PRIVATE_KEY with PEM markers around something that is not a key", () => {
    const problems = problemsOf(readSettings({ ...required, PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" }));
    expect(problems).toEqual([{ variable: "PRIVATE_KEY", message: "is not a PEM private key" }]);
  });

  it("rejects a PRIVATE_KEY that is not a PEM key without echoing it", () => {
    const problems = problemsOf(readSettings({ ...required, PRIVATE_KEY: "not-a-key-0xDEADBEEF" }));
    expect(problems[0]?.variable).toBe("PRIVATE_KEY");
    expect(JSON.stringify(problems)).not.toContain("0xDEADBEEF");
  });

  it("reads METRICS_PORT and METRICS_TOKEN, refusing a short token", () => {
    expect(settingsOf(readSettings(required))).toMatchObject({ metricsPort: undefined, metricsToken: undefined });
    expect(settingsOf(readSettings({ ...required, METRICS_PORT: "9090", METRICS_TOKEN: "0123456789abcdef" }))).toMatchObject({
      metricsPort: 9090,
      metricsToken: "0123456789abcdef",
    });
    expect(problemsOf(readSettings({ ...required, METRICS_PORT: "http", METRICS_TOKEN: "short" })).map((p) => p.variable)).toEqual([
      "METRICS_PORT",
      "METRICS_TOKEN",
    ]);
  });

  it("redacts the secrets for logging", () => {
    const shown = JSON.stringify(redactedSettings(settingsOf(readSettings(required))));
    expect(shown).not.toContain("s3cret-0123456789abcdef");
    expect(shown).not.toContain("PRIVATE KEY");
  });
});

describe("the variable table", () => {
  it("lists exactly the variables readSettings reads", () => {
    const read = new Set<string>();
    const env = new Proxy<Record<string, string | undefined>>(
      { ...required },
      {
        get(target, name) {
          if (typeof name === "string") read.add(name);
          return Reflect.get(target, name) as string | undefined;
        },
      },
    );
    readSettings(env);
    expect([...read].sort()).toEqual(settingsVariables.map((v) => v.name).sort());
  });

  it("has defaults that readSettings accepts and that mean the same as leaving the variable unset", () => {
    const unset = settingsOf(readSettings(required));
    for (const variable of settingsVariables.filter((v) => v.default !== undefined)) {
      expect(settingsOf(readSettings({ ...required, [variable.name]: variable.default }))).toEqual(unset);
    }
  });

  it("renders as a Markdown table for the README", () => {
    const markdown = settingsVariablesMarkdown();
    for (const variable of settingsVariables) expect(markdown).toContain(`| \`${variable.name}\` |`);
    expect(markdown.split("\n")).toHaveLength(settingsVariables.length + 2);
  });
});
