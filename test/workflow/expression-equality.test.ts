// GitHub's `==`, as its expressions docs tabulate it, decides which include and exclude entries match.
import { describe, expect, it } from "vitest";
import { expressionEquals, parseNumber } from "../../src/workflow/expression-equality.js";

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

  it("parses numbers as GitHub's ParseNumber does", () => {
    expect(parseNumber("")).toBe(0);
    expect(parseNumber("1e3")).toBe(1000);
    expect(parseNumber(".5")).toBe(0.5);
    expect(parseNumber("0o17")).toBe(15);
    expect(parseNumber("0xFFFFFFFFF")).toBeNaN();
    expect(parseNumber("1_000")).toBeNaN();
  });
});
