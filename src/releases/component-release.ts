// What the changelog table says about one Kairos component: its latest stable release, if any.

/** A component listed in the "Release changelog" table. */
export interface Component {
  /** `owner/name`, e.g. `kairos-io/provider-kairos`. */
  readonly repository: string;
  /** What readers see, e.g. `Kairos' provider`. */
  readonly displayName: string;
}

/** One published release, as the changelog shows it. */
export interface ReleaseVersion {
  /** The git tag exactly as published, e.g. `v2.16.4`. */
  readonly tag: string;
  /** The normalized semver of the tag, e.g. `2.16.4`. */
  readonly version: string;
  /** The release page (its notes). */
  readonly url: string;
  /** ISO 8601 publication time; the table shows its date. */
  readonly publishedAt: string;
}

export interface ComponentRelease {
  readonly component: Component;
  /** `<server>/<repository>/releases`. */
  readonly releasesUrl: string;
  /** `null` when the component has no stable release: the table shows a dash. */
  readonly latest: ReleaseVersion | null;
}
