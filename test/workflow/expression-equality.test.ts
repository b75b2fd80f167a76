// GitHub's `==`, as its expressions docs tabulate it, decides which include and exclude entries match.
import { describe, expect, it } from "vitest";
import { expressionEquals } from "../../src/workflow/expression-equality.js";

describe("GitHub's loose equality", () => {
  const equal: [unknown, unknown][] = [
    ["ubuntu", "Ubuntu"],
    ["1.0", 1],
    [1, "1"],
    ["0x10", 16],
    [" 2 ", 2],
    [true, 1],
    [false, 0],
    [null, 0],
    [null, ""],
    [false, ""],
    [null, null],
    ["", 0],
    ["1e3", 1000],
    [".5", 0.5],
    ["0o17", 15],
    ["i", "I"],
  ];
  const different: [unknown, unknown][] = [
    ["true", true],
    ["false", false],
    ["abc", 0],
    ["NaN", Number.NaN],
    [Number.NaN, Number.NaN],
    ["1.10", "1.1"],
    [{ a: 1 }, { a: 1 }],
    [[1], [1]],
    [null, {}],
    ["1_000", 1000],
    // GitHub's shared expression testdata (operators_case_insensitive.json, group case-sensitive-ı-I).
    ["ı", "I"],
    ["ı", "i"],
  ];
  for (const [a, b] of equal) {
    it(`${JSON.stringify(a)} == ${JSON.stringify(b)}`, () => {
      expect(expressionEquals(a as never, b as never)).toBe(true);
      expect(expressionEquals(b as never, a as never)).toBe(true);
    });
  }
  for (const [a, b] of different) {
    it(`${JSON.stringify(a)} != ${JSON.stringify(b)}`, () => {
      expect(expressionEquals(a as never, b as never)).toBe(false);
      expect(expressionEquals(b as never, a as never)).toBe(false);
    });
  }

  it("compares a 40,000-digit string with a number in linear time", () => {
    // The former decimal regex backtracked: 5 s per comparison on such an image name (issue #12).
    const digits = "1".repeat(40_000);
    const start = process.cpuUsage();
    for (let i = 0; i < 50; i++) {
      expect(expressionEquals(`${digits}x`, 1)).toBe(false);
      expect(expressionEquals(`${digits}.${digits}e`, 1)).toBe(false);
    }
    const cpu = process.cpuUsage(start);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1000);
  });
});
