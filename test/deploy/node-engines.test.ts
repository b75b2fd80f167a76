// package.json's `engines` tells the truth: every runtime dependency supports every Node it admits, and this suite runs on one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Octokit } from "@octokit/core";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures.js";

interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  readonly engines?: { readonly node?: string };
}

const manifest = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(projectRoot, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
const runtime = Object.entries(lock.packages).filter(([path, entry]) => path !== "" && !entry.dev);

describe("engines.node", () => {
  it("is admitted by every runtime dependency's own engines.node", () => {
    const narrower = runtime
      .filter(([, entry]) => entry.engines?.node !== undefined && !semver.subset(manifest.engines.node, entry.engines.node))
      .map(([path, entry]) => `${path}@${entry.version} requires node ${entry.engines?.node}`);
    expect(narrower).toEqual([]);
    expect(runtime.length).toBeGreaterThan(50);
  });

  it("keeps content-type, which @octokit/request parses every response with, on 2.x: 3.x requires Node >= 22", () => {
    const versions = runtime.filter(([path]) => path.endsWith("node_modules/content-type")).map(([, entry]) => entry.version);
    expect(versions).toEqual(["2.1.0"]);
  });

  it("admits the Node this suite runs on (CI: Node 20)", () => {
    expect(semver.satisfies(process.version, manifest.engines.node), process.version).toBe(true);
  });

  it("lets @octokit/request read GitHub's JSON and raw responses on this Node", async () => {
    const fetch = async (url: string): Promise<Response> =>
      url.endsWith("/json")
        ? new Response('{"full_name":"kairos-io/kairos"}', { headers: { "content-type": "application/json; charset=utf-8" } })
        : new Response("page: docs/x.md\n", { headers: { "content-type": "application/vnd.github.raw; charset=utf-8" } });
    const octokit = new Octokit({ baseUrl: "http://127.0.0.1:9", request: { fetch } });
    const json = await octokit.request("GET /json");
    const raw = await octokit.request("GET /raw");
    expect(json.data).toEqual({ full_name: "kairos-io/kairos" });
    expect(raw.data).toBe("page: docs/x.md\n");
  });
});
