import { describe, expect, it } from "vitest";
import { deadZoneExposure, revenueConcentration } from "./insights.ts";

const P = { sharePct: 70, clearPct: 65, revenueFloor: 10_000 };
const mix = (top: number) =>
  [
    { plan: "Pro", mrr: top, customers: 100, price: 79 },
    { plan: "Basic", mrr: 100 - top, customers: 300, price: 19 },
  ].map((x) => ({ ...x, mrr: x.mrr * 200 }));

describe("operator insights", () => {
  it("revenue concentration fires through 70%, holds until below 65% (clearance gap), not under the floor", () => {
    expect(revenueConcentration(mix(69), P, false)).toBeNull();
    const raised = revenueConcentration(mix(72), P, false)!;
    expect(raised).toMatchObject({ open: true, figures: { plan: "Pro", share_pct: 72, total_mrr: 20_000 } });
    expect(revenueConcentration(mix(67), P, true)?.open).toBe(true);
    expect(revenueConcentration(mix(64), P, true)).toMatchObject({ open: false });
    expect(
      revenueConcentration(
        mix(90).map((x) => ({ ...x, mrr: x.mrr / 100 })),
        P,
        false,
      ),
    ).toBeNull();
  });

  it("dead-zone exposure names the plans and the customers on them", () => {
    expect(deadZoneExposure(mix(50), { deadZoneLow: 50, deadZoneHigh: 100 })).toMatchObject({
      figures: { plans: "Pro", customers: 100, share_pct: 25 },
    });
    expect(deadZoneExposure(mix(50), { deadZoneLow: 200, deadZoneHigh: 300 })).toBeNull();
  });
});
