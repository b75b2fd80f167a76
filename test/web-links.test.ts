// Web links come from the server the bot talks to: github.com, or a GitHub Enterprise Server.
import { describe, expect, it } from "vitest";
import { blobUrl, noreplyEmail, releasesUrl, serverUrlOf } from "../src/web-links.js";

describe("the web server of an API base URL", () => {
  it("is github.com for api.github.com, and the host itself for an Enterprise Server's /api/v3", () => {
    expect(serverUrlOf("https://api.github.com")).toBe("https://github.com");
    expect(serverUrlOf("https://api.github.com/")).toBe("https://github.com");
    expect(serverUrlOf("https://ghe.example.com/api/v3")).toBe("https://ghe.example.com");
    expect(serverUrlOf("http://127.0.0.1:8080/api/v3/")).toBe("http://127.0.0.1:8080");
  });
});

describe("links on a GitHub Enterprise Server", () => {
  const server = "https://ghe.example.com";
  it("name that server for files, lines, releases and the no-reply address", () => {
    expect(blobUrl(server, { repository: "o/r", ref: "a".repeat(40), path: ".github/workflows/test.yml" }, 12)).toBe(
      `https://ghe.example.com/o/r/blob/${"a".repeat(40)}/.github/workflows/test.yml#L12`,
    );
    expect(releasesUrl(`${server}/`, "o/r")).toBe("https://ghe.example.com/o/r/releases");
    expect(noreplyEmail(server, "bot[bot]", 42)).toBe("42+bot[bot]@users.noreply.ghe.example.com");
    expect(noreplyEmail("https://github.com", "bot[bot]", undefined)).toBe("bot[bot]@users.noreply.github.com");
  });
});
