// Makes reads cheap on the rate limit: ETag/Last-Modified revalidation, and SHA-pinned objects served from memory.
import type { Octokit, OctokitOptions } from "@octokit/core";
import { clientStateOf } from "./client-state.js";
import { isHttpFailure } from "./http-failure.js";
import { copyOf, type CacheEntry, type RememberedResponse } from "./response-cache.js";

const fullSha = /^[0-9a-f]{40}$/i;
const gitObjectPath = /\/repos\/[^/]+\/[^/]+\/git\/(?:blobs|trees|commits)\/([0-9a-f]{40})$/i;

/** A read whose answer can never change: a git object by SHA, or anything read at a full commit SHA. */
export function isImmutableRead(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url, "https://api.github.invalid");
  } catch {
    return false;
  }
  if (gitObjectPath.test(parsed.pathname)) return true;
  const ref = parsed.searchParams.get("ref");
  return ref !== null && fullSha.test(ref);
}

function headerText(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Octokit plugin: wraps every GET; other methods pass through untouched. */
export function conditionalRequests(octokit: Octokit, options: OctokitOptions): void {
  const { responseCache, cachePartition, usage } = clientStateOf(options);

  octokit.hook.wrap("request", async (request, endpoint) => {
    if (endpoint.method.toUpperCase() !== "GET") return request(endpoint);
    const parsed = octokit.request.endpoint.parse(endpoint);
    const callerIsConditional =
      headerText(parsed.headers, "if-none-match") !== undefined ||
      headerText(parsed.headers, "if-modified-since") !== undefined;
    // A streamed body cannot be replayed from memory.
    const streamed = endpoint.request?.parseSuccessResponseBody === false;
    if (callerIsConditional || streamed) return request(endpoint);

    const key = `${cachePartition} ${parsed.method} ${parsed.url} ${headerText(parsed.headers, "accept") ?? ""}`;
    const known = responseCache.get(key);
    if (known?.immutable) {
      usage.recordMemoryHit(parsed.method);
      return copyOf(known.response);
    }
    if (known) {
      // Every hook in the chain was bound to this same options object, so the validators must go on it.
      const validators: Record<string, string> = {};
      if (known.etag) validators["if-none-match"] = known.etag;
      else if (known.lastModified) validators["if-modified-since"] = known.lastModified;
      endpoint.headers = { ...endpoint.headers, ...validators };
    }

    let response;
    try {
      response = await request(endpoint);
    } catch (error) {
      if (known && isHttpFailure(error) && error.status === 304) return copyOf(known.response);
      throw error;
    }

    const entry = entryFor(response, isImmutableRead(parsed.url));
    if (entry) responseCache.set(key, entry);
    return response;
  });
}

/** What to remember of a response; the cache measures it, and copies it only if it keeps it. */
function entryFor(response: RememberedResponse, immutable: boolean): CacheEntry | undefined {
  if (response.status !== 200) return undefined;
  const etag = headerText(response.headers, "etag");
  const lastModified = headerText(response.headers, "last-modified");
  if (!immutable && etag === undefined && lastModified === undefined) return undefined;
  return { response, immutable, etag, lastModified };
}
