// A release date reaches the changelog only from a real ISO 8601 timestamp, as GitHub writes published_at.
import { describe, expect, it } from "vitest";
import { publicationDate } from "../../src/releases/publication-time.js";

describe("publicationDate", () => {
  it("dates a timestamp in UTC", () => {
    expect(publicationDate("2026-08-18T23:30:00-02:00")).toBe("2026-08-19");
    expect(publicationDate("2024-12-10T08:00:00Z")).toBe("2024-12-10");
    expect(publicationDate("2024-12-10T08:00:00.123Z")).toBe("2024-12-10");
  });

  it("refuses anything else, so it never reaches the page", () => {
    const refused = ["2024-12-10 garbled", "2024-12-10", "2026-02-30T00:00:00Z", "<img src=x>", "", "2024-12-10T08:00:00Z `x`", "10/12/2024"];
    expect(refused.map(publicationDate)).toEqual(refused.map(() => null));
  });
});
