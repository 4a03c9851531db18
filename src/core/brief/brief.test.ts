import { describe, expect, it } from "vitest";
import { planChecklist } from "./checklist.ts";
import { draftOutreach } from "./drafts.ts";
import { headlineSentence } from "./headline.ts";

describe("planChecklist", () => {
  it("plans steps from the reason kinds, dated from the start day, ending with a follow-up", () => {
    const steps = planChecklist(["usage", "trial"], "2024-12-31");
    expect(steps.map((s) => [s.id, s.due])).toEqual([
      ["usage-checkin", "2025-01-02"],
      ["usage-success-criteria", "2025-01-05"],
      ["usage-activate", "2025-01-07"],
      ["trial-onboarding", "2025-01-02"],
      ["trial-milestones", "2025-01-03"],
      ["follow-up", "2025-01-07"],
    ]);
  });
  it("falls back to regular touchpoints when nothing fired", () => {
    expect(planChecklist([], "2024-12-31")).toEqual([
      {
        id: "touchpoint",
        title: "Maintain regular touchpoints and monitor health signals",
        due: "2025-01-30",
      },
    ]);
  });
});

describe("draftOutreach", () => {
  it("builds email and Slack drafts from plan, ARR, reasons and actions", () => {
    const d = draftOutreach({
      accountName: "Company_281",
      customerId: "S-2636a7",
      planTier: "Enterprise",
      arr: 152832,
      level: "Medium",
      score: 52,
      reasons: [
        { kind: "usage", text: "Usage dropped 100% (30d vs prior)" },
        { kind: "downgrade", text: "Recent downgrade (value risk)" },
      ],
      actions: ["Schedule a check-in to reset goals", "Recommend 1-2 key features to activate this week"],
    });
    expect(d.email.subject).toBe("Company_281: a quick check-in on your Enterprise plan");
    expect(d.email.body).toContain(
      "use of the product has dipped over the last few weeks and you recently changed your plan",
    );
    expect(d.email.body).toContain("- Schedule a check-in to reset goals");
    expect(d.email.body).not.toContain("52"); // the score is internal
    expect(d.slack).toBe(
      ":rotating_light: *Company_281* (S-2636a7, Enterprise plan, $152,832 ARR) is Medium risk (52/100). Why: Usage dropped 100% (30d vs prior); Recent downgrade (value risk). Next: Schedule a check-in to reset goals.",
    );
  });
});

describe("headlineSentence", () => {
  const base = {
    status: "active",
    churnDate: null,
    churnReason: null,
    lostArr: null,
    arr: 12_000,
    scoreLabel: "Churn risk",
    score: 72,
    level: "high",
    reasons: [
      "Sessions down 62% against own 8-week baseline",
      "NPS 2 (detractor)",
      "2 failed payment(s) in 30 days",
      "x",
    ],
  };
  it("opens with the headline level, score and top three reasons", () => {
    expect(headlineSentence(base)).toBe(
      "Churn risk high (72): sessions down 62% against own 8-week baseline, NPS 2 (detractor), 2 failed payment(s) in 30 days",
    );
  });
  it("says the status once when it is not active", () => {
    expect(headlineSentence({ ...base, status: "paused", reasons: ["No activity for 20 days"] })).toBe(
      "Churn risk high (72): no activity for 20 days; paused",
    );
    expect(headlineSentence({ ...base, status: "past_due", reasons: ["Subscription past due"] })).toBe(
      "Churn risk high (72): subscription past due",
    );
  });
  it("a churned customer: date, reason in words, lost ARR; no risk level", () => {
    const s = headlineSentence({
      ...base,
      status: "churned",
      churnDate: "2026-03-14",
      churnReason: "pricing",
      lostArr: 12_000,
    });
    expect(s).toBe("Churned on Mar 14, 2026 (reason: Pricing), $12,000 ARR lost");
    expect(s).not.toMatch(/risk/i);
  });
});

describe("draftOutreach for a churned customer", () => {
  it("is a win-back draft, signed", () => {
    const d = draftOutreach({
      accountName: "Acme",
      customerId: "c1",
      planTier: "Starter",
      arr: 1200,
      level: null,
      score: null,
      reasons: [{ kind: "usage", text: "Usage down" }],
      actions: [],
      status: "churned",
      churnDate: "2026-03-14",
      senderName: "The Acme Customer Success team",
    });
    expect(d.email.subject).not.toContain("check-in");
    expect(d.email.body).not.toContain("Starter plan");
    expect(d.email.body.endsWith("Best regards,\nThe Acme Customer Success team")).toBe(true);
  });
});
