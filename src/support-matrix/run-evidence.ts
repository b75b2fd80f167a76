// What one completed CI run shows: its identity and link, and each job GitHub ran with how it ended.

/** One job of a run as GitHub lists it (its display name, e.g. `build-iso (…) / iso / build`). */
export interface RunJob {
  readonly name: string;
  /** success, failure, cancelled, skipped, timed_out, neutral, action_required; null while it runs. */
  readonly conclusion: string | null;
  /** The job's page on GitHub: what a failing cell links to. */
  readonly url: string;
}

/** A completed run of a watched workflow on the default branch, with the jobs of its latest attempt. */
export interface RunEvidence {
  readonly id: number;
  readonly number: number;
  readonly attempt: number;
  readonly url: string;
  readonly headSha: string;
  readonly event: string;
  readonly conclusion: string | null;
  readonly createdAt: string;
  readonly jobs: readonly RunJob[];
}
