import { describe, expect, it } from "vitest";
import { mrrCause, mrrLogFromSpans, spansFromMrrLog } from "./mrr-log.ts";
import { RETENTION_FIXTURE, RETENTION_FIXTURE_AS_OF } from "./revenue-retention.fixture.ts";
import { revenueRetention } from "./revenue-retention.ts";

describe("mrrCause", () => {
  it("names each move", () => {
    expect(mrrCause(0, 100, false)).toBe("new");
    expect(mrrCause(0, 100, true)).toBe("reactivation");
    expect(mrrCause(100, 150, true)).toBe("expansion");
    expect(mrrCause(150, 120, true)).toBe("contraction");
    expect(mrrCause(120, 0, true)).toBe("churn");
    expect(mrrCause(100, 100, true)).toBeNull();
    expect(mrrCause(0, 0, false)).toBeNull();
  });
});

describe("the MRR log", () => {
  it("rebuilt from the fixture's spans, names each customer's moves", () => {
    const log = mrrLogFromSpans(RETENTION_FIXTURE);
    const of = (id: string) =>
      log.filter((c) => c.customerId === id).map((c) => [c.at, c.fromMrr, c.toMrr, c.cause]);
    expect(of("B")).toEqual([
      ["2024-06-01", 0, 200, "new"],
      ["2025-01-20", 200, 250, "expansion"],
      ["2025-02-10", 250, 350, "expansion"],
    ]);
    expect(of("C")).toEqual([
      ["2024-03-01", 0, 500, "new"],
      ["2025-01-15", 500, 400, "contraction"],
    ]);
    expect(of("D")).toEqual([
      ["2024-05-01", 0, 150, "new"],
      ["2025-02-20", 150, 0, "churn"],
    ]);
  });

  it("read back as spans, gives the hand-counted retention of the fixture", () => {
    const fromLog = revenueRetention(
      spansFromMrrLog(mrrLogFromSpans(RETENTION_FIXTURE)),
      RETENTION_FIXTURE_AS_OF,
      3,
    );
    expect(fromLog).toEqual(revenueRetention(RETENTION_FIXTURE, RETENTION_FIXTURE_AS_OF, 3));
    expect(
      fromLog.map((m) => [m.month, m.expansion_mrr, m.contraction_mrr, m.churned_mrr, m.new_mrr]),
    ).toEqual([
      ["2025-01", 50, 100, 70, 0],
      ["2025-02", 100, 0, 150, 80],
      ["2025-03", 0, 0, 0, 0],
    ]);
  });

  it("several moves on one day: the day's last MRR holds; a churn and a comeback is a reactivation", () => {
    const log = [
      { customerId: "X", at: "2025-01-01", ord: 0, fromMrr: 0, toMrr: 100, cause: "new" as const },
      { customerId: "X", at: "2025-01-10", ord: 1, fromMrr: 100, toMrr: 300, cause: "expansion" as const },
      { customerId: "X", at: "2025-01-10", ord: 2, fromMrr: 300, toMrr: 200, cause: "contraction" as const },
      { customerId: "X", at: "2025-02-15", ord: 3, fromMrr: 200, toMrr: 0, cause: "churn" as const },
      { customerId: "X", at: "2025-03-02", ord: 4, fromMrr: 0, toMrr: 250, cause: "reactivation" as const },
    ];
    expect(spansFromMrrLog(log)).toEqual([
      { customerId: "X", startDate: "2025-01-01", endDate: "2025-01-10", mrr: 100 },
      { customerId: "X", startDate: "2025-01-10", endDate: "2025-02-15", mrr: 200 },
      { customerId: "X", startDate: "2025-03-02", endDate: null, mrr: 250 },
    ]);
  });
});
