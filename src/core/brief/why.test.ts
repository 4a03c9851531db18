import { describe, expect, it } from "vitest";
import { DEFAULT_EARLY_WARNING } from "../early-warning/config.ts";
import { headlineWhy, WIN_BACK_ACTIONS } from "./why.ts";

const ew = {
  reasons: [{ rule: "usage_drop", kind: "usage", points: 20, text: "Usage dropped 60% (30d vs prior)" }],
  actions: ["Schedule a check-in to reset goals"],
};
const signals = [
  { name: "churn_intent", effect: 30, text: "1 ticket(s) in 30 days say they may leave" },
  { name: "payments_failed", effect: 15, text: "2 failed payment(s) in 30 days" },
  { name: "sessions_vs_baseline", effect: 10, text: "Sessions down 62% against own 8-week baseline" },
  { name: "steady", effect: 0, text: "Usage, support and billing signals are steady" },
];

describe("headlineWhy", () => {
  it("churn risk headline: reasons are its fired signals, actions by their category", () => {
    const w = headlineWhy({
      kind: "churn_risk",
      status: "active",
      signals,
      earlyWarning: ew,
      config: DEFAULT_EARLY_WARNING,
    });
    expect(w.reasons.map((r) => [r.rule, r.kind, r.points])).toEqual([
      ["churn_intent", "intent", 30],
      ["payments_failed", "billing", 15],
      ["sessions_vs_baseline", "usage", 10],
    ]);
    expect(w.actions).toEqual([
      "Schedule a check-in to reset goals",
      "Recommend 1-2 key features to activate this week",
      "Offer a value review (ROI + quick wins)",
    ]);
    expect(w.checklistKinds).toEqual(["intent", "billing", "usage"]);
  });
  it("nothing fired: the default action", () => {
    const w = headlineWhy({
      kind: "churn_risk",
      status: "active",
      signals: [signals[3]!],
      earlyWarning: ew,
      config: DEFAULT_EARLY_WARNING,
    });
    expect(w.reasons).toEqual([]);
    expect(w.actions).toEqual([DEFAULT_EARLY_WARNING.defaultAction]);
  });
  it("early warning headline: its own reasons and actions", () => {
    const w = headlineWhy({
      kind: "early_warning",
      status: "active",
      signals,
      earlyWarning: ew,
      config: DEFAULT_EARLY_WARNING,
    });
    expect(w.reasons).toEqual(ew.reasons);
    expect(w.actions).toEqual(ew.actions);
  });
  it("churned: no reasons, win-back only, whatever the scores say", () => {
    for (const kind of ["churn_risk", "early_warning"] as const) {
      const w = headlineWhy({
        kind,
        status: "churned",
        signals,
        earlyWarning: ew,
        config: DEFAULT_EARLY_WARNING,
      });
      expect(w).toEqual({ reasons: [], actions: [...WIN_BACK_ACTIONS], checklistKinds: ["winback"] });
    }
  });
});
