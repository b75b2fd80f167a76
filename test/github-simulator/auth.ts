// Credentials as GitHub checks them: the app's RS256 JWT, installation tokens, repository visibility, permissions.
import { createVerify, generateKeyPairSync, randomBytes } from "node:crypto";
import { HttpError, errorBody, forbidden, notFound, type RouteContext } from "./router.js";
import type { AccessLevel, Account, Installation, InstallationToken, Repo, SimulatedApp, World } from "./world.js";

export type Caller =
  | { kind: "app" }
  | { kind: "installation"; installation: Installation; token: InstallationToken }
  | { kind: "anonymous" };

export function createAppCredentials(id: number, slug: string, name: string): SimulatedApp {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return { id, slug, name, botLogin: `${slug}[bot]`, privateKey, publicKey };
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, errorBody(401, message));
}

function decodePart(part: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  if (typeof parsed !== "object" || parsed === null) throw new Error("not an object");
  return parsed as Record<string, unknown>;
}

/** Verifies the app JWT like GitHub: RS256 signature by the app key, iss = app id, sane iat/exp. */
export function verifyAppJwt(world: World, jwt: string): void {
  const parts = jwt.split(".");
  if (parts.length !== 3) throw unauthorized("A JSON web token could not be decoded");
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodePart(headerPart);
    claims = decodePart(payloadPart);
  } catch {
    throw unauthorized("A JSON web token could not be decoded");
  }
  const verifier = createVerify("RSA-SHA256").update(`${headerPart}.${payloadPart}`);
  if (header.alg !== "RS256" || !verifier.verify(world.app.publicKey, Buffer.from(signaturePart, "base64url"))) {
    throw unauthorized("A JSON web token could not be decoded");
  }
  checkClaims(world, claims);
}

function checkClaims(world: World, claims: Record<string, unknown>): void {
  const now = Math.floor(world.now() / 1000);
  const { iat, exp, iss } = claims;
  if (typeof iat !== "number" || !Number.isInteger(iat) || iat > now + 60) {
    throw unauthorized("'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued");
  }
  if (typeof exp !== "number" || exp <= now) {
    throw unauthorized(
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    );
  }
  if (exp > now + 600) throw unauthorized("'Expiration time' claim ('exp') is too far in the future");
  if (String(iss) !== String(world.app.id)) throw unauthorized("Integration not found");
}

function bearer(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers.authorization;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return undefined;
  const m = /^(?:bearer|token)\s+(.+)$/i.exec(value.trim());
  if (!m) throw unauthorized("Bad credentials");
  return (m[1] as string).trim();
}

/** Who is calling, from the Authorization header; bad credentials are a 401 whatever the route. */
export function resolveCaller(world: World, headers: Record<string, string | string[] | undefined>): Caller {
  const credential = bearer(headers);
  if (credential === undefined) return { kind: "anonymous" };
  if (credential.split(".").length === 3) {
    verifyAppJwt(world, credential);
    return { kind: "app" };
  }
  const token = world.tokens.get(credential);
  if (!token || token.expiresAt <= world.now()) throw unauthorized("Bad credentials");
  const installation = world.installations.get(token.installationId);
  if (!installation) throw unauthorized("Bad credentials");
  return { kind: "installation", installation, token };
}

/** App endpoints answer only to the app's JWT. */
export function requireApp(caller: Caller): void {
  if (caller.kind === "app") return;
  if (caller.kind === "anonymous") throw unauthorized("Requires authentication");
  throw unauthorized("A JSON web token could not be decoded");
}

/**
 * Repository routes need an installation token covering the repository. GitHub hides what a token cannot
 * see behind 404. (Divergence: real installation tokens can also read other owners' public repositories.)
 */
export function visibleRepo(world: World, caller: Caller, owner: string, name: string): Repo {
  const repo = world.repo(`${owner}/${name}`);
  if (!repo) throw notFound();
  if (caller.kind === "app") throw forbidden("Resource not accessible by integration");
  if (caller.kind !== "installation") throw notFound();
  if (repo.owner.id !== caller.installation.account.id) throw notFound();
  const ids = caller.token.repositoryIds;
  if (ids && !ids.includes(repo.id)) throw notFound();
  return repo;
}

const rank: Record<AccessLevel, number> = { read: 1, write: 2 };

export function hasPermission(caller: Caller, scope: string, level: AccessLevel): boolean {
  if (caller.kind !== "installation") return false;
  const granted = caller.token.permissions[scope];
  return granted !== undefined && rank[granted] >= rank[level];
}

export function requirePermission(caller: Caller, scope: string, level: AccessLevel): void {
  if (hasPermission(caller, scope, level)) return;
  throw forbidden("Resource not accessible by integration", { "x-accepted-github-permissions": `${scope}=${level}` });
}

export function newTokenString(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(36);
  return `ghs_${[...bytes].map((b) => alphabet[b % alphabet.length]).join("")}`;
}

/** Creates an installation token valid for one hour, optionally narrowed to repositories and permissions. */
export function issueToken(
  world: World,
  installation: Installation,
  repositoryIds: number[] | null,
  permissions: Record<string, AccessLevel>,
): InstallationToken {
  const token: InstallationToken = {
    token: newTokenString(),
    installationId: installation.id,
    expiresAt: world.now() + 3600_000,
    permissions,
    repositoryIds,
  };
  world.tokens.set(token.token, token);
  return token;
}

/** The account an API write is attributed to: installation tokens act as the app's bot user. */
export function actor(ctx: RouteContext): Account {
  return ctx.world.botAccount;
}
