import { describe, expect, it } from "vitest";
import { planChecklist } from "./checklist.ts";
import { draftOutreach } from "./drafts.ts";

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
