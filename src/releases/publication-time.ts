// Reads a release's publication time as GitHub writes it (ISO 8601) and gives the UTC date the changelog shows.

// GitHub's REST API writes `published_at` as ISO 8601 in UTC, e.g. `2026-08-18T21:04:05Z`; an offset or
// fractional seconds are accepted too. Anything else is no time, and never reaches the page.
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DD` (UTC) of an ISO 8601 timestamp; null when `publishedAt` is not one or names no real day. */
export function publicationDate(publishedAt: string): string | null {
  const parts = ISO_TIMESTAMP.exec(publishedAt);
  if (!parts) return null;
  const [, year, month, day] = parts;
  // Date.parse rolls 2026-02-30 over into March: a date must survive the round trip unchanged.
  const calendar = new Date(`${year}-${month}-${day}T00:00:00Z`);
  if (Number.isNaN(calendar.getTime()) || calendar.toISOString().slice(0, 10) !== `${year}-${month}-${day}`) return null;
  const time = Date.parse(publishedAt);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}
