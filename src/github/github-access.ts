// How the bot reaches a repository: through the app's installations (server) or one token (GitHub Actions).
import type { Probot } from "probot";
import { isNotFound, type GitHubClient } from "./github-client.js";
import { apiUsageOf, type ApiUsageSnapshot } from "./octokit.js";
import type { RepositoryRef } from "./repository.js";
import { noreplyEmail } from "../web-links.js";

/** Who the bot is on GitHub: its commits are recognised by this login, and its sign-off uses this address. */
export interface BotIdentity {
  readonly login: string;
  readonly email: string;
}

export interface GitHubAccess {
  forRepository(repository: RepositoryRef): Promise<GitHubClient>;
  identity(): Promise<BotIdentity>;
}

/** One unit of work's access: its own clients, so what it spent on GitHub can be told apart and logged. */
export interface GitHubSession extends GitHubAccess {
  usage(): SessionUsage;
}

export interface SessionUsage {
  readonly requests: number;
  readonly notModified: number;
  readonly memoryHits: number;
  /** Requests that count against the rate limit. */
  readonly spent: number;
  /** The lowest `x-ratelimit-remaining` seen, if any. */
  readonly rateLimitRemaining: number | undefined;
}

export interface GitHubAccessProvider {
  session(): GitHubSession;
  /** A webhook names the installation of its repository: remembering it saves a lookup. */
  remember(owner: string, installationId: number): void;
}

export class NotInstalledError extends Error {
  constructor(repository: RepositoryRef) {
    super(`the app is not installed on ${repository.owner}/${repository.repo} (or cannot see it)`);
    this.name = "NotInstalledError";
  }
}

/**
 * The installation that covers `repository`, or `fallback` when the app is not installed there: a public
 * repository of another owner (a component, a fork) is still readable with any installation's token.
 */
export async function clientOrFallback(access: GitHubAccess, repository: RepositoryRef, fallback: GitHubClient): Promise<GitHubClient> {
  try {
    return await access.forRepository(repository);
  } catch (error) {
    if (error instanceof NotInstalledError) return fallback;
    throw error;
  }
}

async function botUserId(client: GitHubClient, login: string): Promise<number | undefined> {
  try {
    const { data } = await client.rest.users.getByUsername({ username: login });
    return data.id;
  } catch {
    return undefined;
  }
}

function sumUsage(clients: readonly GitHubClient[]): SessionUsage {
  const snapshots = clients.map((c) => apiUsageOf(c)?.snapshot()).filter((s): s is ApiUsageSnapshot => s !== undefined);
  const remaining = snapshots.map((s) => s.rateLimitRemaining).filter((r): r is number => r !== undefined);
  return {
    requests: snapshots.reduce((n, s) => n + s.requests, 0),
    notModified: snapshots.reduce((n, s) => n + s.notModified, 0),
    memoryHits: snapshots.reduce((n, s) => n + s.memoryHits, 0),
    spent: snapshots.reduce((n, s) => n + s.spent, 0),
    rateLimitRemaining: remaining.length > 0 ? Math.min(...remaining) : undefined,
  };
}

/**
 * The server's access. Installation ids and the bot's identity are remembered for the life of the
 * process; clients are made per session (Probot caches the tokens, and the client class shares its
 * conditional-request cache), so each reconcile's API calls can be counted on their own.
 */
export class AppInstallations implements GitHubAccessProvider {
  readonly #probot: Probot;
  readonly #serverUrl: string;
  readonly #installationByOwner = new Map<string, Promise<number>>();
  #identity: Promise<BotIdentity> | undefined;

  /** `serverUrl` is the web server of Probot's API (its no-reply address domain). */
  constructor(probot: Probot, serverUrl: string) {
    this.#probot = probot;
    this.#serverUrl = serverUrl;
  }

  remember(owner: string, installationId: number): void {
    this.#installationByOwner.set(owner.toLowerCase(), Promise.resolve(installationId));
  }

  session(): GitHubSession {
    const clients = new Map<number, Promise<GitHubClient>>();
    const forRepository = async (repository: RepositoryRef): Promise<GitHubClient> => {
      const id = await this.#installationFor(repository);
      let client = clients.get(id);
      if (!client) {
        client = this.#probot.auth(id) as Promise<GitHubClient>;
        clients.set(id, client);
      }
      return client;
    };
    const settled: GitHubClient[] = [];
    return {
      forRepository: async (repository) => {
        const client = await forRepository(repository);
        if (!settled.includes(client)) settled.push(client);
        return client;
      },
      identity: () => this.#identityVia(settled[0]),
      usage: () => sumUsage(settled),
    };
  }

  #identityVia(client: GitHubClient | undefined): Promise<BotIdentity> {
    this.#identity ??= this.#lookUpIdentity(client).catch((error: unknown) => {
      this.#identity = undefined;
      throw error;
    });
    return this.#identity;
  }

  async #lookUpIdentity(client: GitHubClient | undefined): Promise<BotIdentity> {
    const app = (await this.#probot.auth()) as GitHubClient;
    const { data } = await app.rest.apps.getAuthenticated();
    const login = `${data?.slug ?? "support-matrix-bot"}[bot]`;
    // The app's JWT only reaches /app routes; the bot user's id (for its noreply address) needs an installation.
    return { login, email: noreplyEmail(this.#serverUrl, login, client ? await botUserId(client, login) : undefined) };
  }

  #installationFor(repository: RepositoryRef): Promise<number> {
    const key = repository.owner.toLowerCase();
    let id = this.#installationByOwner.get(key);
    if (!id) {
      id = this.#lookUpInstallation(repository).catch((error: unknown) => {
        this.#installationByOwner.delete(key);
        throw error;
      });
      this.#installationByOwner.set(key, id);
    }
    return id;
  }

  async #lookUpInstallation(repository: RepositoryRef): Promise<number> {
    const app = (await this.#probot.auth()) as GitHubClient;
    try {
      const { data } = await app.rest.apps.getRepoInstallation({ ...repository });
      return data.id;
    } catch (error) {
      if (isNotFound(error)) throw new NotInstalledError(repository);
      throw error;
    }
  }
}

/**
 * GitHub Actions mode: one token (from actions/create-github-app-token) reaches every repository; the
 * bot's login comes from that action's `app-slug` output.
 */
export class TokenAccess implements GitHubAccessProvider {
  readonly #newClient: () => GitHubClient;
  readonly #login: string;
  readonly #serverUrl: string;
  #identity: Promise<BotIdentity> | undefined;

  constructor(newClient: () => GitHubClient, login: string, serverUrl: string) {
    this.#newClient = newClient;
    this.#login = login;
    this.#serverUrl = serverUrl;
  }

  remember(): void {}

  session(): GitHubSession {
    const client = this.#newClient();
    return {
      forRepository: async () => client,
      identity: () => {
        this.#identity ??= botUserId(client, this.#login).then((id) => ({ login: this.#login, email: noreplyEmail(this.#serverUrl, this.#login, id) }));
        return this.#identity;
      },
      usage: () => sumUsage([client]),
    };
  }
}
