// Remembers GitHub responses within a byte budget (least recently used first out) so reads can be conditional or free.

/** The parts of an Octokit response worth keeping. */
export interface RememberedResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | number | undefined>>;
  readonly data: unknown;
}

export interface CacheEntry {
  readonly response: RememberedResponse;
  /** The object is pinned by a commit or object SHA: it can never change, so no request is needed. */
  readonly immutable: boolean;
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
}

/**
 * A response larger than this share of the budget is never kept: one big read (a large file, a long
 * list) would otherwise push out the many small ones that make later reads free.
 */
export const LARGEST_ENTRY_SHARE = 8;

interface Sized {
  readonly entry: CacheEntry;
  readonly bytes: number;
}

export class ResponseCache {
  readonly #entries = new Map<string, Sized>();
  readonly #maxBytes: number;
  readonly #maxEntryBytes: number;
  #bytes = 0;

  /** `maxBytes` bounds the remembered responses, measured as the length of their key, headers and JSON text. */
  constructor(maxBytes: number) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new RangeError(`response cache size must be a non-negative number of bytes, got ${maxBytes}`);
    }
    this.#maxBytes = maxBytes;
    this.#maxEntryBytes = Math.floor(maxBytes / LARGEST_ENTRY_SHARE);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** What the remembered responses measure now; never more than the budget. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The largest response kept. */
  get maxEntryBytes(): number {
    return this.#maxEntryBytes;
  }

  get(key: string): CacheEntry | undefined {
    const sized = this.#entries.get(key);
    if (sized) {
      // Map iteration order is insertion order: re-inserting marks the entry as most recently used.
      this.#entries.delete(key);
      this.#entries.set(key, sized);
    }
    return sized?.entry;
  }

  /**
   * Keeps a copy of the entry unless it is larger than the per-entry cap (an older answer for the key
   * is dropped either way). Measured before it is copied, so a refused response is never duplicated.
   */
  set(key: string, entry: CacheEntry): void {
    this.#delete(key);
    const bytes = measure(key, entry.response, this.#maxEntryBytes);
    if (bytes > this.#maxEntryBytes) return;
    this.#entries.set(key, { entry: { ...entry, response: copyOf(entry.response) }, bytes });
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#delete(oldest);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #delete(key: string): void {
    const sized = this.#entries.get(key);
    if (!sized) return;
    this.#entries.delete(key);
    this.#bytes -= sized.bytes;
  }
}

/** Callers may mutate what they get back; the remembered copy must stay as GitHub sent it. */
export function copyOf(response: RememberedResponse): RememberedResponse {
  return { ...response, headers: { ...response.headers }, data: structuredClone(response.data) };
}

/**
 * The length of the key, the headers and the body as JSON text: what the entry costs, up to the
 * constant factor of the parsed form. A body whose compressed length alone is over `limit` is not
 * serialized just to be refused.
 */
function measure(key: string, response: RememberedResponse, limit: number): number {
  let bytes = key.length + response.url.length;
  for (const [name, value] of Object.entries(response.headers)) bytes += name.length + String(value ?? "").length;
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return bytes + declared;
  return bytes + bodyLength(response.data);
}

function bodyLength(data: unknown): number {
  if (data === undefined || data === null) return 0;
  if (typeof data === "string") return data.length;
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  return JSON.stringify(data)?.length ?? 0;
}
