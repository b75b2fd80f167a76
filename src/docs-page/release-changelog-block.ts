// Renders the release changelog block: each component, its latest stable release and date, and all its releases.
import type { ComponentRelease } from "../releases/component-release.js";
import { publicationDate } from "../releases/publication-time.js";
import { repositoryUrl } from "../web-links.js";
import { compileTemplate } from "./template-environment.js";
import type { TemplateSource } from "./template-source.js";

export interface ChangelogRelease {
  readonly tag: string;
  readonly version: string;
  readonly url: string;
  /** `YYYY-MM-DD` in UTC, from publishedAt (never from a clock). */
  readonly date: string;
}

export interface ChangelogComponent {
  readonly name: string;
  readonly repository: string;
  readonly repositoryUrl: string;
  readonly releasesUrl: string;
  readonly latest: ChangelogRelease | null;
}

/** The render context, documented for template authors at the top of templates/release-changelog.md.hbs. */
export interface ReleaseChangelogContext {
  readonly components: readonly ChangelogComponent[];
}

export function releaseChangelogContext(releases: readonly ComponentRelease[], serverUrl: string): ReleaseChangelogContext {
  return {
    components: releases.map(({ component, releasesUrl, latest }) => ({
      name: component.displayName,
      repository: component.repository,
      repositoryUrl: repositoryUrl(serverUrl, component.repository),
      releasesUrl,
      latest: latest && {
        tag: latest.tag,
        version: latest.version,
        url: latest.url,
        // Selection only keeps readable times; a date from the page's own record may not be one.
        date: publicationDate(latest.publishedAt) ?? "—",
      },
    })),
  };
}

/** Pure: the template text is passed in (the default file, or a maintainer's override fetched by the app). */
export function renderReleaseChangelog(template: TemplateSource, context: ReleaseChangelogContext): string {
  return compileTemplate(template.text, template.file)(context);
}
