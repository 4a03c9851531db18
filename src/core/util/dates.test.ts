import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, isIsoDay } from "./dates.ts";
import { deepMerge } from "./deep-merge.ts";
import { pyRound } from "./py-round.ts";

describe("dates", () => {
  it("accepts real days and rejects impossible ones", () => {
    expect(isIsoDay("2024-02-29")).toBe(true);
    expect(isIsoDay("2023-02-29")).toBe(false);
    expect(isIsoDay("2024-13-01")).toBe(false);
    expect(isIsoDay("2024-1-01")).toBe(false);
    expect(isIsoDay("2024-01-01 10:00")).toBe(false);
  });
  it("adds days across month and year ends", () => {
    expect(addDays("2024-12-31", -30)).toBe("2024-12-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
  });
  it("round-trips any day offset", () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 20_000 }), (n) => {
        const d = addDays("2000-01-01", n);
        return isIsoDay(d) && addDays(d, -n) === "2000-01-01";
      }),
    );
  });
});

describe("pyRound", () => {
  it("rounds half to even like Python", () => {
    expect([0.5, 1.5, 2.5, 62.5, 63.5, -2.5, 2.4, 2.6].map(pyRound)).toEqual([0, 2, 2, 62, 64, -2, 2, 3]);
  });
});

describe("deepMerge", () => {
  it("merges objects and replaces arrays", () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] } })).toEqual({
      a: { b: 1, c: [3] },
      d: 1,
    });
  });
});
