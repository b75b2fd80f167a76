// The bot's memory, kept in GitHub: a hidden marker in the PR body saying what the bot last wrote.
import { createHash } from "node:crypto";

/**
 * What the bot wrote last time. State lives in GitHub (the branch, the PR found by its head, this
 * marker), never in the process, so restarts and several replicas agree on it.
 */
export interface PullRequestState {
  /** The branch head the bot last pushed: anything else there was pushed by someone else. */
  readonly head: string;
  /** The docs default-branch commit that head was built on. */
  readonly base: string;
  /** Hash of the page the bot last proposed. */
  readonly render: string;
  /** The title the bot last set: a different title means a human edited it, and it is kept. */
  readonly title: string;
  /** Source commits the proposal was generated from (for "what changed since" links). */
  readonly sources: readonly string[];
}

const STATE_PREFIX = "<!-- support-matrix-bot:state ";
const STATE_PATTERN = /<!-- support-matrix-bot:state ([A-Za-z0-9_-]+) -->/;

/** Base64url keeps any title (even one containing `-->`) from ending the HTML comment early. */
export function formatState(state: PullRequestState): string {
  return `${STATE_PREFIX}${Buffer.from(JSON.stringify(state), "utf8").toString("base64url")} -->`;
}

export function parseState(body: string): PullRequestState | null {
  const match = STATE_PATTERN.exec(body);
  if (!match) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(match[1]!, "base64url").toString("utf8"));
    return isState(value) ? value : null;
  } catch {
    return null;
  }
}

function isState(value: unknown): value is PullRequestState {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.head === "string" &&
    typeof v.base === "string" &&
    typeof v.render === "string" &&
    typeof v.title === "string" &&
    Array.isArray(v.sources) &&
    v.sources.every((s) => typeof s === "string")
  );
}

export function renderHash(page: string): string {
  return createHash("sha256").update(page, "utf8").digest("hex").slice(0, 16);
}

const REGION_BEGIN = "<!-- support-matrix-bot:generated:begin -->";
const REGION_END = "<!-- support-matrix-bot:generated:end -->";

/** GitHub refuses a PR body over 65,536 characters; keep room for the markers and human text. */
export const PULL_REQUEST_BODY_LIMIT = 65_536;

/**
 * Replaces only the bot's region of a PR body, so text a maintainer added around it survives;
 * a body whose region was deleted gets a fresh one appended.
 */
export function spliceGeneratedRegion(currentBody: string, generated: string, state: PullRequestState): string {
  const region = `${REGION_BEGIN}\n${generated.trimEnd()}\n\n${formatState(state)}\n${REGION_END}`;
  const begin = currentBody.indexOf(REGION_BEGIN);
  const end = currentBody.indexOf(REGION_END, begin + REGION_BEGIN.length);
  const body =
    begin >= 0 && end > begin
      ? currentBody.slice(0, begin) + region + currentBody.slice(end + REGION_END.length)
      : currentBody.trim() === ""
        ? region
        : `${currentBody.trimEnd()}\n\n${region}`;
  return fitBody(body, region, generated, state);
}

function fitBody(body: string, region: string, generated: string, state: PullRequestState): string {
  if (body.length <= PULL_REQUEST_BODY_LIMIT) return body;
  const overflow = body.length - PULL_REQUEST_BODY_LIMIT;
  const note = "\n\n… (truncated to fit GitHub's pull-request body limit; see Files changed)";
  const room = Math.max(0, generated.length - overflow - note.length - 16);
  const shorter = `${REGION_BEGIN}\n${generated.slice(0, room).trimEnd()}${note}\n\n${formatState(state)}\n${REGION_END}`;
  return body.replace(region, () => shorter);
}
