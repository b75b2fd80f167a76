// How long GitHub asks us to wait, read from a failed response's status, headers and message.
import { describe, expect, it } from "vitest";
import { describeRequest, type HttpFailure } from "../../src/github/octokit/http-failure.js";
import { rateLimitWaitOf } from "../../src/github/octokit/rate-limit-policy.js";

const now = Date.parse("2025-06-01T12:00:00Z");

function failure(status: number, headers: Record<string, string>, message = "Forbidden"): HttpFailure {
  return { status, message, response: { headers } };
}

describe("rateLimitWaitOf", () => {
  it("reads retry-after given as an HTTP date", () => {
    const wait = rateLimitWaitOf(failure(429, { "retry-after": "Sun, 01 Jun 2025 12:00:42 GMT" }), now, 0, 60_000);
    expect(wait).toEqual({ kind: "secondary", waitMs: 42_000 });
  });

  it("prefers retry-after over the reset time", () => {
    const headers = { "retry-after": "5", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 900) };
    expect(rateLimitWaitOf(failure(403, headers), now, 0, 60_000)?.waitMs).toBe(5000);
  });

  it("treats a spent quota with no reset header as a wait of the fallback", () => {
    expect(rateLimitWaitOf(failure(403, { "x-ratelimit-remaining": "0" }), now, 1, 60_000)).toEqual({
      kind: "primary",
      waitMs: 120_000,
    });
  });

  it("does not mistake other statuses or a permission 403 for a rate limit", () => {
    expect(rateLimitWaitOf(failure(500, { "retry-after": "1" }), now, 0, 60_000)).toBeUndefined();
    expect(rateLimitWaitOf(failure(403, { "x-ratelimit-remaining": "12" }), now, 0, 60_000)).toBeUndefined();
  });
});

describe("describeRequest", () => {
  it("drops the host and redacts credential-like query parameters", () => {
    expect(describeRequest("get", "https://api.github.com/repos/o/r/contents/a?ref=main&access_token=ghs_x")).toBe(
      "GET /repos/o/r/contents/a?ref=main&access_token=REDACTED",
    );
  });
});
