import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ScoredCustomer, summarizeEarlyWarning, topK } from "./summarize.ts";

const customer = (
  id: string,
  score: number,
  arr: number,
  ordinal: number,
  extra: Partial<ScoredCustomer> = {},
) => ({
  customerId: id,
  ordinal,
  planTier: "Pro",
  arr,
  churned: false,
  result: {
    score,
    level: score >= 60 ? ("High" as const) : score >= 30 ? ("Medium" as const) : ("Low" as const),
    reasons: [],
  },
  ...extra,
});

describe("summarizeEarlyWarning", () => {
  it("ranks by score, then ARR, then import order", () => {
    const rows = [
      customer("a", 60, 0, 3),
      customer("b", 60, 0, 1),
      customer("c", 60, 10, 2),
      customer("d", 10, 99, 0),
    ];
    const r = summarizeEarlyWarning(rows, {}, { usageEnd: "2024-12-31", ticketEnd: "2024-12-31" });
    expect(r.top10.map((t) => t[0])).toEqual(["c", "b", "a", "d"]);
    expect(r.arr_at_risk).toBe(10);
    expect(r.level_counts).toEqual({ High: 3, Low: 1 });
  });
  it("counts each driver kind once per customer", () => {
    const reasons = [
      { rule: "supportLoad" as const, kind: "support" as const, points: 10, text: "" },
      { rule: "escalation" as const, kind: "support" as const, points: 10, text: "" },
    ];
    const r = summarizeEarlyWarning(
      [customer("a", 20, 0, 0, { result: { score: 20, level: "Low", reasons } })],
      {},
      {
        usageEnd: "x",
        ticketEnd: "x",
      },
    );
    expect(r.drivers).toEqual({ support: 1 });
  });
  it("is empty-safe", () => {
    const r = summarizeEarlyWarning([], {}, { usageEnd: "x", ticketEnd: "x" });
    expect([r.customers, r.churn_rate_label, r.avg_arr, r.top10]).toEqual([0, 0, 0, []]);
  });
});

describe("topK", () => {
  it("property: equals sort-then-slice", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: 1, max: 12 }), (xs, k) => {
        const cmp = (a: number, b: number) => a - b;
        expect(topK(xs, k, cmp)).toEqual([...xs].sort(cmp).slice(0, k));
      }),
    );
  });
});
