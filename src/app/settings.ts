// Reads the bot's settings from the environment: every problem at once, and a table of variables as data.
import { createPrivateKey } from "node:crypto";
import { getPrivateKey } from "@probot/get-private-key";
import type { GitHubClientTuning } from "../github/octokit.js";
import { CONFIGURATION_REFERENCE_URL } from "../config/index.js";
import { fullNameOf } from "../github/repository.js";
import { parseRepositoryName } from "../repository-name.js";
import { serverUrlOf } from "../web-links.js";

export interface SettingsVariable {
  readonly name: string;
  /** Used when the variable is unset or empty; undefined when there is none (required, or optional without one). */
  readonly default: string | undefined;
  readonly required: boolean;
  readonly meaning: string;
}

/** Every variable the bot reads. readSettings() can only read variables listed here, so this table is complete. */
export const settingsVariables: readonly SettingsVariable[] = [
  { name: "APP_ID", default: undefined, required: true, meaning: "The GitHub App's numeric ID." },
  {
    name: "PRIVATE_KEY",
    default: undefined,
    required: false,
    meaning: "The App's private key (PEM, or base64 of it). This or PRIVATE_KEY_PATH is required.",
  },
  { name: "PRIVATE_KEY_PATH", default: undefined, required: false, meaning: "Path to the App's private key file." },
  {
    name: "WEBHOOK_SECRET",
    default: undefined,
    required: true,
    meaning:
      "Secret GitHub signs deliveries with: at least 16 characters, never `development` (Probot's well-known default). Generate one with `openssl rand -hex 32`.",
  },
  { name: "PORT", default: "3000", required: false, meaning: "TCP port of the HTTP server." },
  { name: "HOST", default: undefined, required: false, meaning: "Address to listen on; all interfaces when unset." },
  { name: "WEBHOOK_PATH", default: "/api/github/webhooks", required: false, meaning: "Path GitHub delivers webhooks to." },
  {
    name: "WEBHOOK_BODY_LIMIT",
    default: "5MiB",
    required: false,
    meaning:
      "Largest webhook body accepted (bytes, or with KiB/MiB); larger ones get 413 before they are verified. GitHub caps payloads at 25 MB, but the events the bot reads are far smaller; a refused push is caught up by the periodic reconcile. Keep it well under the memory limit: each connection may buffer this much.",
  },
  {
    name: "WEBHOOK_REQUEST_TIMEOUT",
    default: "30s",
    required: false,
    meaning: "Time a webhook request (headers and body) may take to arrive; a slower one is answered 408 and its connection closed.",
  },
  {
    name: "METRICS_PORT",
    default: undefined,
    required: false,
    meaning: "Serve /metrics on this port (same HOST) instead of PORT, which then answers 404 there; for deployments that expose PORT publicly.",
  },
  {
    name: "METRICS_TOKEN",
    default: undefined,
    required: false,
    meaning: "When set (16 characters or more), /metrics answers only requests with `Authorization: Bearer <token>`.",
  },
  { name: "LOG_LEVEL", default: "info", required: false, meaning: "trace, debug, info, warn, error, fatal or silent." },
  { name: "LOG_FORMAT", default: "json", required: false, meaning: "json, or pretty for people reading a terminal." },
  { name: "GHE_HOST", default: undefined, required: false, meaning: "GitHub Enterprise Server host name; github.com when unset." },
  { name: "GHE_PROTOCOL", default: "https", required: false, meaning: "Protocol for GHE_HOST: https or http." },
  {
    name: "CONFIG_REFERENCE_URL",
    default: CONFIGURATION_REFERENCE_URL,
    required: false,
    meaning: "Where problem reports link for the configuration reference; on GitHub Enterprise, a copy on your server.",
  },
  {
    name: "DOCS_REPOSITORY",
    default: "kairos-io/kairos-docs",
    required: false,
    meaning: "The docs repository (owner/name) whose image matrix page the bot keeps true.",
  },
  {
    name: "RECONCILE_INTERVAL",
    default: "1h",
    required: false,
    meaning: "Periodic reconcile, in seconds or with a unit (30m, 1h); 0 disables it.",
  },
  {
    name: "READINESS_AUTH_FAILURES",
    default: "3",
    required: false,
    meaning: "GitHub refusals of the app's credentials (401) in a row after which /readyz answers 503; any other answer makes it ready again.",
  },
  { name: "RECONCILE_CONCURRENCY", default: "2", required: false, meaning: "How many reconciles may run at once." },
  {
    name: "SHUTDOWN_TIMEOUT",
    default: "20s",
    required: false,
    meaning: "How long a shutdown waits for running reconciles before leaving them to the next start.",
  },
  {
    name: "GITHUB_WRITE_PACING",
    default: "1s",
    required: false,
    meaning: "Gap between mutating GitHub requests (three times this for ones that notify, like opening a PR).",
  },
  { name: "GITHUB_SERVER_ERROR_RETRIES", default: "3", required: false, meaning: "Retries of a GitHub 5xx or network failure." },
  {
    name: "GITHUB_RETRY_BACKOFF",
    default: "1s",
    required: false,
    meaning: "Backoff unit for those retries: waits of 1, 4 and 9 times this.",
  },
  { name: "GITHUB_RATE_LIMIT_RETRIES", default: "3", required: false, meaning: "How often one request may wait out a rate limit." },
  {
    name: "GITHUB_RATE_LIMIT_MAX_WAIT",
    default: "5m",
    required: false,
    meaning: "Longest rate-limit wait accepted; a longer one fails the reconcile at once (it is retried later).",
  },
  {
    name: "GITHUB_SECONDARY_RATE_LIMIT_WAIT",
    default: "1m",
    required: false,
    meaning: "Wait for a secondary rate limit that gives no retry-after, doubled per retry.",
  },
  {
    name: "GITHUB_RESPONSE_CACHE_BYTES",
    default: "16MiB",
    required: false,
    meaning:
      "Memory for GitHub responses remembered for conditional requests and SHA-pinned reads (bytes, or with KiB/MiB; measured as JSON text, least recently used out first). A response over an eighth of it is never kept. Parsed responses cost a few times their text: keep it well under the memory limit.",
  },
];

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
const logLevels: readonly LogLevel[] = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

export interface RepositoryName {
  readonly owner: string;
  readonly repo: string;
  readonly fullName: string;
}

export interface Settings {
  readonly appId: number;
  readonly privateKey: string;
  readonly webhookSecret: string;
  readonly port: number;
  readonly host: string | undefined;
  readonly webhookPath: string;
  readonly webhookBodyLimitBytes: number;
  readonly webhookRequestTimeoutMs: number;
  /** Undefined: /metrics is served on `port`. */
  readonly metricsPort: number | undefined;
  readonly metricsToken: string | undefined;
  readonly logLevel: LogLevel;
  readonly logFormat: "json" | "pretty";
  /** REST API base, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  readonly baseUrl: string;
  /** The web server of that API (https://github.com or https://ghe.example.com): every link the bot writes. */
  readonly serverUrl: string;
  readonly docsRepository: RepositoryName;
  /** The configuration reference linked from problem reports. */
  readonly configReferenceUrl: string;
  /** Null when periodic reconciles are disabled. */
  readonly reconcileIntervalMs: number | null;
  readonly reconcileConcurrency: number;
  readonly readinessAuthFailures: number;
  readonly shutdownTimeoutMs: number;
  readonly github: GitHubClientTuning;
}

export interface SettingsProblem {
  readonly variable: string;
  readonly message: string;
}

export type SettingsResult =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] };

/** Thrown by callers that cannot start without settings; lists every problem, one per line. */
export class SettingsError extends Error {
  readonly problems: readonly SettingsProblem[];

  constructor(problems: readonly SettingsProblem[]) {
    super(`invalid settings:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`);
    this.name = new.target.name;
    this.problems = problems;
  }
}

export interface ReadSettingsOptions {
  /** Where a relative PRIVATE_KEY_PATH is resolved; the process's working directory by default. */
  readonly cwd?: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** Reads settings from `env` (no other source; the only I/O is reading PRIVATE_KEY_PATH). */
export function readSettings(env: Environment, options: ReadSettingsOptions = {}): SettingsResult {
  const reader = new EnvironmentReader(env);
  const baseUrl = readBaseUrl(reader);
  const settings = {
    appId: reader.parse("APP_ID", positiveInteger),
    privateKey: readPrivateKey(reader, options.cwd),
    webhookSecret: reader.parse("WEBHOOK_SECRET", webhookSecret),
    port: reader.parse("PORT", port),
    host: reader.optional("HOST"),
    webhookPath: reader.parse("WEBHOOK_PATH", urlPath),
    webhookBodyLimitBytes: reader.parse("WEBHOOK_BODY_LIMIT", byteSize),
    webhookRequestTimeoutMs: reader.parse("WEBHOOK_REQUEST_TIMEOUT", positiveDuration),
    metricsPort: reader.optional("METRICS_PORT") === undefined ? undefined : reader.parse("METRICS_PORT", port),
    metricsToken: reader.optional("METRICS_TOKEN") === undefined ? undefined : reader.parse("METRICS_TOKEN", metricsToken),
    logLevel: reader.parse("LOG_LEVEL", oneOf(logLevels)),
    logFormat: reader.parse("LOG_FORMAT", oneOf(["json", "pretty"] as const)),
    baseUrl,
    serverUrl: serverUrlOf(baseUrl),
    docsRepository: reader.parse("DOCS_REPOSITORY", ownerAndName),
    configReferenceUrl: reader.parse("CONFIG_REFERENCE_URL", httpUrl),
    reconcileIntervalMs: reader.parse("RECONCILE_INTERVAL", (text) => {
      const parsed = duration(text);
      return "value" in parsed ? { value: parsed.value === 0 ? null : parsed.value } : parsed;
    }),
    reconcileConcurrency: reader.parse("RECONCILE_CONCURRENCY", positiveInteger),
    readinessAuthFailures: reader.parse("READINESS_AUTH_FAILURES", positiveInteger),
    shutdownTimeoutMs: reader.parse("SHUTDOWN_TIMEOUT", duration),
    github: readClientTuning(reader),
  };
  if (reader.problems.length > 0) return { ok: false, problems: reader.problems };
  return { ok: true, settings: settings as Settings };
}

/** What GitHub Actions mode shares with the server: logging, the docs repository, the GitHub client knobs. */
export type SharedSettings = Pick<Settings, "logLevel" | "logFormat" | "docsRepository" | "configReferenceUrl" | "github">;

export type SharedSettingsResult =
  | { readonly ok: true; readonly settings: SharedSettings }
  | { readonly ok: false; readonly problems: readonly SettingsProblem[] };

/** Reads only the shared variables: no app credentials, no HTTP server (src/app/github-actions.ts). */
export function readSharedSettings(env: Environment): SharedSettingsResult {
  const reader = new EnvironmentReader(env);
  const settings = {
    logLevel: reader.parse("LOG_LEVEL", oneOf(logLevels)),
    logFormat: reader.parse("LOG_FORMAT", oneOf(["json", "pretty"] as const)),
    docsRepository: reader.parse("DOCS_REPOSITORY", ownerAndName),
    configReferenceUrl: reader.parse("CONFIG_REFERENCE_URL", httpUrl),
    github: readClientTuning(reader),
  };
  if (reader.problems.length > 0) return { ok: false, problems: reader.problems };
  return { ok: true, settings };
}

function readClientTuning(reader: EnvironmentReader): GitHubClientTuning {
  return {
    writePacingMs: reader.parse("GITHUB_WRITE_PACING", duration),
    serverErrorRetries: reader.parse("GITHUB_SERVER_ERROR_RETRIES", nonNegativeInteger),
    serverErrorBackoffMs: reader.parse("GITHUB_RETRY_BACKOFF", duration),
    rateLimitRetries: reader.parse("GITHUB_RATE_LIMIT_RETRIES", nonNegativeInteger),
    rateLimitMaxWaitMs: reader.parse("GITHUB_RATE_LIMIT_MAX_WAIT", duration),
    secondaryRateLimitFallbackMs: reader.parse("GITHUB_SECONDARY_RATE_LIMIT_WAIT", duration),
    responseCacheBytes: reader.parse("GITHUB_RESPONSE_CACHE_BYTES", byteSize),
  };
}

/** Settings fit for a startup log line: the secrets replaced. */
export function redactedSettings(settings: Settings): Settings {
  return {
    ...settings,
    privateKey: "[REDACTED]",
    webhookSecret: "[REDACTED]",
    metricsToken: settings.metricsToken === undefined ? undefined : "[REDACTED]",
  };
}

type Parsed<T> = { readonly value: T } | { readonly problem: string };

/** Looks every variable up in the table (its default included) and collects problems instead of throwing. */
class EnvironmentReader {
  readonly problems: SettingsProblem[] = [];
  readonly #env: Environment;

  constructor(env: Environment) {
    this.#env = env;
  }

  /** The value, the table's default, or undefined. A name missing from the table is a bug here. */
  optional(name: string): string | undefined {
    const variable = settingsVariables.find((v) => v.name === name);
    if (!variable) throw new Error(`settings variable ${name} is missing from settingsVariables`);
    const raw = this.#env[name]?.trim();
    return raw === undefined || raw === "" ? variable.default : raw;
  }

  /** Parsed value, or undefined once a problem was recorded (the result is then never returned). */
  parse<T>(name: string, parser: (text: string) => Parsed<T>): T {
    const text = this.optional(name);
    if (text === undefined) {
      this.report(name, "is required");
      return undefined as T;
    }
    const parsed = parser(text);
    if ("problem" in parsed) {
      this.report(name, parsed.problem);
      return undefined as T;
    }
    return parsed.value;
  }

  report(variable: string, message: string): void {
    this.problems.push({ variable, message });
  }
}

function readPrivateKey(reader: EnvironmentReader, cwd: string | undefined): string {
  const inline = reader.optional("PRIVATE_KEY");
  const path = reader.optional("PRIVATE_KEY_PATH");
  // Without either, getPrivateKey would pick up any *.pem lying in the working directory: refuse instead.
  if (inline === undefined && path === undefined) {
    reader.report("PRIVATE_KEY", "set PRIVATE_KEY or PRIVATE_KEY_PATH");
    return "";
  }
  try {
    const key = getPrivateKey({ env: { PRIVATE_KEY: inline, PRIVATE_KEY_PATH: path }, ...(cwd ? { cwd } : {}) });
    if (key && isPrivateKey(key)) return key;
    // getPrivateKey checks an inline key's PEM markers but returns a file's content unread: check both alike.
    reader.report(
      inline === undefined ? "PRIVATE_KEY_PATH" : "PRIVATE_KEY",
      inline === undefined ? `"${path}" does not hold a PEM private key` : "is not a PEM private key",
    );
  } catch (error) {
    // The library's messages name the variable or the path, never the key itself.
    const message = error instanceof Error ? error.message.replace(/^\[@probot\/get-private-key\]\s*/, "") : String(error);
    reader.report(inline === undefined ? "PRIVATE_KEY_PATH" : "PRIVATE_KEY", message);
  }
  return "";
}

/** Whether Node can load `text` as a private key: the markers alone do not make a key. */
function isPrivateKey(text: string): boolean {
  try {
    return createPrivateKey(text).type === "private";
  } catch {
    return false;
  }
}

function readBaseUrl(reader: EnvironmentReader): string {
  const host = reader.optional("GHE_HOST");
  const protocol = reader.parse("GHE_PROTOCOL", oneOf(["https", "http"] as const));
  if (host === undefined) return "https://api.github.com";
  if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) {
    reader.report("GHE_HOST", `"${host}" is not a host name (give the host only, e.g. github.example.com)`);
    return "";
  }
  return `${protocol}://${host}/api/v3`;
}

/** Shortest secret accepted: anyone who guesses the secret can forge deliveries. */
export const minimumWebhookSecretLength = 16;

function webhookSecret(text: string): Parsed<string> {
  // Never echo the secret: the message goes to the log.
  if (text === "development") return { problem: "is Probot's well-known default secret; generate one, e.g. `openssl rand -hex 32`" };
  if (text.length < minimumWebhookSecretLength) {
    return { problem: `is ${text.length} characters long; use at least ${minimumWebhookSecretLength}, e.g. \`openssl rand -hex 32\`` };
  }
  return { value: text };
}

function httpUrl(text: string): Parsed<string> {
  try {
    const url = new URL(text);
    if (url.protocol === "https:" || url.protocol === "http:") return { value: text };
  } catch {
    // Reported below.
  }
  return { problem: `"${text}" is not an http(s) URL` };
}

function metricsToken(text: string): Parsed<string> {
  return text.length < minimumWebhookSecretLength
    ? { problem: `is ${text.length} characters long; use at least ${minimumWebhookSecretLength}, e.g. \`openssl rand -hex 32\`` }
    : { value: text };
}

function positiveInteger(text: string): Parsed<number> {
  const parsed = nonNegativeInteger(text);
  if ("value" in parsed && parsed.value === 0) return { problem: "must be at least 1" };
  return parsed;
}

function nonNegativeInteger(text: string): Parsed<number> {
  if (!/^\d+$/.test(text)) return { problem: `"${text}" is not a whole number` };
  const value = Number(text);
  return Number.isSafeInteger(value) ? { value } : { problem: `${text} is too large` };
}

function port(text: string): Parsed<number> {
  const parsed = nonNegativeInteger(text);
  if ("value" in parsed && parsed.value > 65_535) return { problem: `${text} is not a TCP port (0-65535)` };
  return parsed;
}

function urlPath(text: string): Parsed<string> {
  return text.startsWith("/") && !/\s/.test(text) ? { value: text } : { problem: `"${text}" must be a path starting with /` };
}

function oneOf<T extends string>(choices: readonly T[]): (text: string) => Parsed<T> {
  return (text) => {
    const choice = choices.find((c) => c === text.toLowerCase());
    return choice ? { value: choice } : { problem: `"${text}" is not one of ${choices.join(", ")}` };
  };
}

function ownerAndName(text: string): Parsed<RepositoryName> {
  const ref = parseRepositoryName(text);
  if (ref === null) return { problem: `"${text}" is not owner/name` };
  return { value: { ...ref, fullName: fullNameOf(ref) } };
}

const durationUnits: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds from `3600` (seconds), `30m`, `1h30m`, `250ms`. */
function duration(text: string): Parsed<number> {
  const compact = text.replace(/\s+/g, "").toLowerCase();
  if (/^\d+$/.test(compact)) return { value: Number(compact) * 1000 };
  const parts = [...compact.matchAll(/(\d+)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== compact) {
    return { problem: `"${text}" is not a duration (seconds, or e.g. 500ms, 30s, 30m, 1h, 1h30m)` };
  }
  const value = parts.reduce((total, [, amount = "0", unit = "s"]) => total + Number(amount) * (durationUnits[unit] ?? 0), 0);
  return Number.isSafeInteger(value) ? { value } : { problem: `"${text}" is too long` };
}

function positiveDuration(text: string): Parsed<number> {
  const parsed = duration(text);
  return "value" in parsed && parsed.value === 0 ? { problem: "must be longer than 0" } : parsed;
}

const byteUnits: Readonly<Record<string, number>> = { "": 1, b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** Bytes from `26214400`, `512KiB`, `25MiB`. */
function byteSize(text: string): Parsed<number> {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(text);
  const factor = match ? byteUnits[(match[2] ?? "").toLowerCase()] : undefined;
  if (!match || factor === undefined) return { problem: `"${text}" is not a size (bytes, or e.g. 512KiB, 25MiB)` };
  const value = Number(match[1]) * factor;
  if (value === 0) return { problem: "must be more than 0 bytes" };
  return Number.isSafeInteger(value) ? { value } : { problem: `"${text}" is too large` };
}

/** The variables as a Markdown table, for the README (a test can compare the two). */
export function settingsVariablesMarkdown(): string {
  const cell = (text: string): string => text.replace(/\|/g, "\\|");
  const rows = settingsVariables.map(
    (v) => `| \`${v.name}\` | ${v.required ? "required" : v.default === undefined ? "unset" : `\`${v.default}\``} | ${cell(v.meaning)} |`,
  );
  return ["| Variable | Default | Meaning |", "| --- | --- | --- |", ...rows].join("\n");
}
