// The release changelog block: each component with its latest stable release, its date, and all its releases.
import { describe, expect, it } from "vitest";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import {
  releaseChangelogContext,
  renderReleaseChangelog,
} from "../../src/docs-page/release-changelog-block.js";
import type { ComponentRelease } from "../../src/releases/component-release.js";
import { firstTable } from "./gfm-table.js";
import { GITHUB_SERVER_URL } from "../../src/web-links.js";

const template = await loadDefaultTemplate("releaseChangelog");

const KAIROS: ComponentRelease = {
  component: { repository: "kairos-io/kairos", displayName: "Kairos core and standard (k3s and k0s support)" },
  releasesUrl: "https://github.com/kairos-io/kairos/releases",
  latest: {
    tag: "v4.2.0",
    version: "4.2.0",
    url: "https://github.com/kairos-io/kairos/releases/tag/v4.2.0",
    publishedAt: "2026-08-18T23:30:00-02:00",
  },
};

const OSBUILDER: ComponentRelease = {
  component: { repository: "kairos-io/osbuilder", displayName: "OSBuilder" },
  releasesUrl: "https://github.com/kairos-io/osbuilder/releases",
  latest: null,
};

describe("release changelog block", () => {
  it("renders components exactly, with a dash when there is no stable release", () => {
    expect(renderReleaseChangelog(template, releaseChangelogContext([KAIROS, OSBUILDER], GITHUB_SERVER_URL))).toBe(
      [
        "| Component | Latest version | Release date | Changelogs |",
        "| --- | --- | --- | --- |",
        "| [Kairos core and standard (k3s and k0s support)](https://github.com/kairos-io/kairos) | " +
          "[v4.2.0](https://github.com/kairos-io/kairos/releases/tag/v4.2.0) | 2026-08-19 | " +
          "[all releases](https://github.com/kairos-io/kairos/releases) |",
        "| [OSBuilder](https://github.com/kairos-io/osbuilder) | — | — | [all releases](https://github.com/kairos-io/osbuilder/releases) |",
        "",
      ].join("\n"),
    );
  });

  it("keeps the table intact with hostile names", () => {
    const hostile: ComponentRelease = {
      ...KAIROS,
      component: { repository: "kairos-io/kairos", displayName: "Kairos | <b>core</b>\n--> {{x}}" },
      latest: KAIROS.latest && { ...KAIROS.latest, tag: "v1|`2`", url: "https://x.test/a b|c" },
    };
    const out = renderReleaseChangelog(template, releaseChangelogContext([hostile, OSBUILDER], GITHUB_SERVER_URL));
    const table = firstTable(out);
    expect(table).toHaveLength(4);
    for (const row of table) expect(row).toHaveLength(4);
    expect(out).not.toMatch(/<!--|-->|<b>/);
  });
});
