// The payload checks accept payloads shaped as GitHub sends them (typed by @octokit/webhooks-types) and name what is missing.
import { describe, expect, it } from "vitest";
import { payloadProblem } from "../../src/app/webhook-payloads.js";
import { commit, pullRequest, push, release } from "./webhook-payloads.js";

describe("payloadProblem", () => {
  it("accepts GitHub-shaped push, release and pull_request payloads", () => {
    expect(payloadProblem("push", push("kairos-io/kairos-init", { commits: [commit({ modified: ["a"] })] }))).toBeUndefined();
    expect(payloadProblem("release", release("kairos-io/kairos", "published"))).toBeUndefined();
    const fork = { fullName: "someone/kairos-init", sha: "e".repeat(40) };
    expect(payloadProblem("pull_request", pullRequest("kairos-io/kairos-init", "opened", fork))).toBeUndefined();
  });

  it("accepts a fork pull request whose head repository was deleted (repo: null)", () => {
    const event = pullRequest("kairos-io/kairos-init", "opened", { fullName: null, sha: "e".repeat(40) });
    expect(payloadProblem("pull_request", event)).toBeUndefined();
  });

  it("names the missing or mistyped field", () => {
    const event = push("kairos-io/kairos-init");
    expect(payloadProblem("push", { ...event, commits: null })).toMatch(/^commits: .*expected array/);
    expect(payloadProblem("push", { ...event, commits: [{ id: "x", added: [], removed: [] }] })).toMatch(/^commits\.0\.modified: /);
    expect(payloadProblem("push", [])).toBe("the payload is not a JSON object");
  });

  it("does not check events the bot does not read", () => {
    expect(payloadProblem("installation", { action: "created" })).toBeUndefined();
  });
});
