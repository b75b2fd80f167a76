// The record of every API request the simulator answered, for assertions and API-call benchmarks.
export interface CallRecord {
  /** Position in the log; marks are positions. */
  index: number;
  method: string;
  /** Templated route, e.g. "GET /repos/{owner}/{repo}/contents/{path}"; `METHOD <path>` for unknown routes. */
  route: string;
  /** Whether the route is one the simulator implements. */
  known: boolean;
  /** Path as requested, below /api/v3, with the query string. */
  path: string;
  status: number;
  /** The request carried If-None-Match. */
  conditional: boolean;
  /** Who called: the app (JWT), an installation token, nobody, or unreadable credentials. */
  auth: "app" | "installation" | "anonymous" | "invalid";
  installationId: number | null;
  /** The installation token used, when any. */
  token: string | null;
  requestId: string;
  /** Set when a fault rule answered instead of the simulated GitHub. */
  fault: boolean;
  at: number;
  ms: number;
  /** What a write (any method but GET and HEAD) sent, as received; null for reads. */
  body: string | null;
}

export class CallLog {
  private records: CallRecord[] = [];
  private offset = 0;

  /** Appends a record and gives it its index. */
  add(record: Omit<CallRecord, "index">): CallRecord {
    const full = { ...record, index: this.offset + this.records.length };
    this.records.push(full);
    return full;
  }

  get all(): readonly CallRecord[] {
    return this.records;
  }

  /** A position to list calls after: `since(mark())` is empty until the next request. */
  mark(): number {
    return this.offset + this.records.length;
  }

  since(mark: number): CallRecord[] {
    return this.records.filter((r) => r.index >= mark);
  }

  /** Non-GET calls (writes), optionally since a mark. */
  writes(mark = 0): CallRecord[] {
    return this.since(mark).filter((r) => r.method !== "GET" && r.method !== "HEAD");
  }

  /** Calls to routes the simulator does not implement (always answered 404). */
  unknown(mark = 0): CallRecord[] {
    return this.since(mark).filter((r) => !r.known);
  }

  /** How many calls each route received, optionally since a mark. */
  countByRoute(mark = 0): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.since(mark)) counts[r.route] = (counts[r.route] ?? 0) + 1;
    return counts;
  }

  count(route: string, mark = 0): number {
    return this.since(mark).filter((r) => r.route === route).length;
  }

  /** Forgets every record; marks taken before stay comparable (indexes keep increasing). */
  reset(): void {
    this.offset += this.records.length;
    this.records = [];
  }

  /** The last calls, one per line, for failure messages. */
  describe(last = 15): string {
    return this.records
      .slice(-last)
      .map((r) => `  ${r.status} ${r.method} ${r.path}${r.fault ? " (fault)" : ""}`)
      .join("\n");
  }
}
