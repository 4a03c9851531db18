import { describe, expect, it } from "vitest";
import { liftCurve, promotionDecision } from "./promotion.ts";

const base = {
  headline: { name: "churn_risk", auc: 0.8 },
  snapshots: 12,
  positives: 100,
  minSnapshots: 6,
  minPositives: 30,
};

describe("promotion rule", () => {
  it("refuses a model that does not beat the headline on the newest window", () => {
    expect(promotionDecision({ ...base, modelAuc: 0.8 })).toEqual({
      qualifies: false,
      reason: "Does not beat churn_risk on the newest window: AUC 0.800 against 0.800",
    });
    expect(promotionDecision({ ...base, modelAuc: 0.75 }).qualifies).toBe(false);
    expect(promotionDecision({ ...base, modelAuc: 0.81 })).toEqual({
      qualifies: true,
      reason: "Beats churn_risk on the newest window: AUC 0.810 against 0.800",
    });
  });
  it("refuses below the minimum history, and without both labels", () => {
    expect(promotionDecision({ ...base, modelAuc: 0.95, snapshots: 5 }).reason).toBe(
      "Too little history: 5 monthly snapshots and 100 positives (needs 6 and 30)",
    );
    expect(promotionDecision({ ...base, modelAuc: 0.95, positives: 29 }).qualifies).toBe(false);
    expect(promotionDecision({ ...base, modelAuc: Number.NaN }).qualifies).toBe(false);
  });
  it("gives cumulative gains by decile", () => {
    const p = Float64Array.from({ length: 100 }, (_, i) => 1 - i / 100);
    const y = Uint8Array.from({ length: 100 }, (_, i) => (i < 10 ? 1 : 0));
    const c = liftCurve(p, y);
    expect(c[0]).toEqual({ top: 10, recall: 1, lift: 10 });
    expect(c[9]).toEqual({ top: 100, recall: 1, lift: 1 });
  });
});
