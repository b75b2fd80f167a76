// Checks the LICENSE file is the licence package.json declares, in full, so the npm package and the image carry the terms they claim.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures.js";

/** The title lines (name, version) each SPDX id's canonical text opens with. */
const TITLES: Record<string, readonly [string, string]> = {
  "Apache-2.0": ["Apache License", "Version 2.0, January 2004"],
};

const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { license?: string };
const licenseText = readFileSync(join(projectRoot, "LICENSE"), "utf8");
const lines = licenseText
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l !== "");

describe("LICENSE", () => {
  it("opens with the title of the licence package.json declares", () => {
    const title = TITLES[pkg.license ?? ""];
    expect(title, `no known title for package.json license ${String(pkg.license)}`).toBeDefined();
    expect(lines.slice(0, 2)).toEqual(title);
  });

  it("holds the whole Apache 2.0 text: all nine sections and the appendix", () => {
    for (let section = 1; section <= 9; section++) {
      expect(lines.some((l) => l.startsWith(`${section}. `)), `section ${section} missing`).toBe(true);
    }
    expect(lines).toContain("END OF TERMS AND CONDITIONS");
    expect(lines).toContain("APPENDIX: How to apply the Apache License to your work.");
  });
});
