import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planStructureFindings, priceTestCandidate, samplePerArm, seasonalWindows } from "./org-detectors.ts";

const plan = (plan: string, price: number, live: number, newCustomers: number, churned: number) => ({
  plan,
  price,
  live,
  newCustomers,
  churned,
});
const DZ = { deadZoneLow: 50, deadZoneHigh: 100, windowDays: 90 };

describe("org-scope detectors", () => {
  it("sample size per arm matches the two-proportion formula and shrinks as the effect grows", () => {
    // 2 * (1.96 + 0.8416)^2 * 0.2 * 0.8 / 0.05^2 = 1004.9...
    expect(samplePerArm(0.2, 0.05)).toBe(1005);
    fc.assert(
      fc.property(fc.double({ min: 0.02, max: 0.5, noNaN: true }), (p) => {
        expect(samplePerArm(p, 0.1)).toBeLessThanOrEqual(samplePerArm(p, 0.05));
      }),
    );
  });

  it("price testing picks the dead-zone plan with the most new subscribers, with a cycle length", () => {
    const i = priceTestCandidate(
      [plan("Starter", 29, 500, 900, 40), plan("Growth", 79, 300, 1200, 60), plan("Pro", 89, 100, 50, 5)],
      DZ,
    )!;
    expect(i.tactic).toBe("price-testing");
    expect(i.figures).toMatchObject({ plan: "Growth", price: 79, new_subscribers: 1200, churn_pct: 16.7 });
    // 2 * perArm new subscribers at 1200 per 90 days
    const perArm = samplePerArm(60 / 360, 0.05);
    expect(i.figures.cycle_days).toBe(Math.ceil((2 * perArm) / (1200 / 90)));
    expect(i.suggestion).toContain("existing subscribers keep their price");
  });

  it("price testing says nothing without a dead-zone plan or with too little traffic for a year", () => {
    expect(priceTestCandidate([plan("Starter", 29, 500, 900, 40)], DZ)).toBeNull();
    expect(priceTestCandidate([plan("Growth", 79, 300, 3, 60)], DZ)).toBeNull();
  });

  it("plan structure flags wide gaps, close tiers and tiers almost nobody picks; silent on a clean ladder", () => {
    const i = planStructureFindings(
      [
        plan("Basic", 10, 400, 0, 0),
        plan("Plus", 12, 380, 0, 0),
        plan("Pro", 50, 200, 0, 0),
        plan("Max", 500, 10, 0, 0),
      ],
      { minSharePct: 5 },
    )!;
    expect(i.figures).toMatchObject({ tiers: 4, close_tiers: 1, wide_gaps: 2, rare_tiers: 1 });
    expect(i.suggestion).toContain("Basic→Plus 1.2x");
    expect(i.suggestion).toContain("Max");
    expect(
      planStructureFindings([plan("A", 20, 100, 0, 0), plan("B", 50, 100, 0, 0), plan("C", 120, 100, 0, 0)], {
        minSharePct: 5,
      }),
    ).toBeNull();
  });

  it("seasonal windows open only when the swing is large and it recurs year over year", () => {
    const shape = [30, 25, 20, 40, 60, 80, 100, 90, 70, 50, 40, 35];
    const months = (values: number[]) =>
      values.map((n, k) => ({
        month: `${2024 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`,
        n,
      }));
    const gate = { minSwingPct: 30, minYoyCorrelation: 0.8 };
    const i = seasonalWindows(months([...shape, ...shape.map((x) => x * 1.1)]), gate)!;
    expect(i.tactic).toBe("seasonal-demand-pricing");
    expect(i.figures.trough_months).toBe("01, 02, 03");
    expect(i.figures.peak_month).toBe("07");
    expect(i.figures.yoy_correlation).toBe(1);
    // Large swing but no recurrence: the gate stays shut.
    expect(seasonalWindows(months([...shape, ...[...shape].reverse()]), gate)).toBeNull();
    // Flat demand: no swing.
    expect(seasonalWindows(months(Array(24).fill(50)), gate)).toBeNull();
    // Less than two years: nothing to compare.
    expect(seasonalWindows(months(shape), gate)).toBeNull();
  });
});
