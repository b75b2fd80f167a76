// Readiness from API answers: a run of 401s makes the app unready, any other answer from GitHub makes it ready again.
import { describe, expect, it } from "vitest";
import { AuthenticationReadiness, type ReadinessState } from "../../src/app/readiness.js";

const answer = (status: number | "network-error") => ({ kind: "request", method: "GET", status, rateLimitRemaining: undefined }) as const;

describe("AuthenticationReadiness", () => {
  it("turns unready at the threshold of consecutive 401s and ready again at the next accepted call", () => {
    const changes: boolean[] = [];
    const readiness = new AuthenticationReadiness({ failuresBeforeUnready: 3, onChange: (s: ReadinessState) => changes.push(s.ready) });
    readiness.observe(answer(401));
    readiness.observe(answer(401));
    expect(readiness.ready).toBe(true);
    readiness.observe(answer(401));
    expect(readiness.ready).toBe(false);
    expect(readiness.reason).toContain("3 times in a row");
    readiness.observe(answer(404));
    expect(readiness.ready).toBe(true);
    expect(changes).toEqual([false, true]);
  });

  it("does not count refusals interrupted by an accepted call, nor network errors and memory hits", () => {
    const readiness = new AuthenticationReadiness({ failuresBeforeUnready: 2 });
    for (const event of [answer(401), answer(200), answer(401), answer("network-error"), { kind: "memory-hit", method: "GET" } as const]) {
      readiness.observe(event);
    }
    expect(readiness.ready).toBe(true);
  });
});
