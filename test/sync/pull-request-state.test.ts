// The PR body's generated region and hidden state: human text around it survives, and GitHub's size limit holds.
import { describe, expect, it } from "vitest";
import {
  PULL_REQUEST_BODY_LIMIT,
  formatState,
  parseState,
  renderHash,
  spliceGeneratedRegion,
  type PullRequestState,
} from "../../src/sync/pull-request-state.js";

const state: PullRequestState = {
  head: "a".repeat(40),
  base: "b".repeat(40),
  render: renderHash("page"),
  title: "docs: update the image support matrix",
  sources: ["kairos-io/kairos-init@" + "c".repeat(40)],
};

describe("the hidden state", () => {
  it("reads back what was written, even a title that would end an HTML comment", () => {
    const tricky = { ...state, title: "Fedora --> 44 <!-- and more" };
    expect(parseState(`text\n${formatState(tricky)}\nmore`)).toEqual(tricky);
  });

  it("is null when missing or tampered with", () => {
    expect(parseState("no state here")).toBeNull();
    expect(parseState("<!-- support-matrix-bot:state bm90IGpzb24 -->")).toBeNull();
    const partial = Buffer.from(JSON.stringify({ head: "x" })).toString("base64url");
    expect(parseState(`<!-- support-matrix-bot:state ${partial} -->`)).toBeNull();
  });
});

describe("the generated region of the body", () => {
  it("replaces only its own region: text a maintainer wrote above and below stays byte for byte", () => {
    const first = spliceGeneratedRegion("", "Old summary.", state);
    const edited = `Please look at Fedora.\r\n\r\n${first}\n\nReviewed-by: someone`;
    const next = spliceGeneratedRegion(edited, "New summary.", { ...state, head: "d".repeat(40) });
    expect(next.startsWith("Please look at Fedora.\r\n\r\n")).toBe(true);
    expect(next.endsWith("\n\nReviewed-by: someone")).toBe(true);
    expect(next).toContain("New summary.");
    expect(next).not.toContain("Old summary.");
    expect(parseState(next)?.head).toBe("d".repeat(40));
  });

  it("comes back, after the maintainer's text, when someone deleted it", () => {
    const body = spliceGeneratedRegion("Only my words.", "Summary.", state);
    expect(body.startsWith("Only my words.\n\n")).toBe(true);
    expect(parseState(body)).toEqual(state);
  });

  it("is cut to fit GitHub's 65,536 characters, keeping the state and saying so", () => {
    const huge = Array.from({ length: 3000 }, (_, i) => `- image number ${i} is now tested on amd64 (generic).`).join("\n");
    expect(huge.length).toBeGreaterThan(PULL_REQUEST_BODY_LIMIT);
    const body = spliceGeneratedRegion("A maintainer's note.", huge, state);
    expect(body.length).toBeLessThanOrEqual(PULL_REQUEST_BODY_LIMIT);
    expect(body.startsWith("A maintainer's note.")).toBe(true);
    expect(body).toContain("truncated to fit GitHub's pull-request body limit");
    expect(parseState(body)).toEqual(state);
  });

  it("is left whole when it fits", () => {
    const text = "x".repeat(PULL_REQUEST_BODY_LIMIT - 1000);
    const body = spliceGeneratedRegion("", text, state);
    expect(body).toContain(text);
    expect(body).not.toContain("truncated");
  });
});
