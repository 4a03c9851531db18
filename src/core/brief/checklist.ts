import { addDays } from "../util/dates.ts";

export interface PlannedStep {
  id: string;
  title: string;
  due: string;
}

/** Steps per reason kind, with days from the plan's start; the order is the order of work. */
const STEPS: Record<string, readonly (readonly [string, string, number])[]> = {
  intent: [
    ["intent-value-review", "Offer a value review (ROI + quick wins)", 2],
    ["intent-success-plan", "Create a 2-week success plan with milestones", 5],
  ],
  usage: [
    ["usage-checkin", "Schedule a check-in to reset goals", 2],
    ["usage-success-criteria", "Confirm success criteria with the customer's champion", 5],
    ["usage-activate", "Activate 1-2 key features this week", 7],
  ],
  support: [
    ["support-resolution", "Confirm the resolution plan for open tickets", 1],
    ["support-escalate", "Escalate repeat issues with a clear timeline", 3],
  ],
  errors: [["errors-review", "Review the customer's error volume with engineering", 3]],
  satisfaction: [["satisfaction-recovery", "Follow up on dissatisfaction with a recovery plan", 2]],
  downgrade: [["downgrade-value-gap", "Run a value-gap call to understand missing needs", 5]],
  trial: [
    ["trial-onboarding", "Offer a guided onboarding session", 2],
    ["trial-milestones", "Share the onboarding checklist and milestones", 3],
  ],
  billing: [["billing-payment", "Confirm the payment method with the billing contact", 2]],
  winback: [
    ["winback-feedback", "Ask for feedback on why they left", 3],
    ["winback-offer", "Offer a win-back call on what has changed", 14],
  ],
};
const KIND_ORDER = [
  "winback",
  "intent",
  "usage",
  "support",
  "errors",
  "billing",
  "satisfaction",
  "downgrade",
  "trial",
];

/**
 * The next-best-action plan for a customer, from the kinds of reasons that fired, dated from
 * `start` (the day the score was computed, so the plan does not drift day by day).
 */
export function planChecklist(reasonKinds: readonly string[], start: string): PlannedStep[] {
  const kinds = new Set(reasonKinds);
  const steps: PlannedStep[] = [];
  for (const kind of KIND_ORDER) {
    if (!kinds.has(kind)) continue;
    for (const [id, title, days] of STEPS[kind]!) steps.push({ id, title, due: addDays(start, days) });
  }
  if (steps.length === 0) {
    return [
      {
        id: "touchpoint",
        title: "Maintain regular touchpoints and monitor health signals",
        due: addDays(start, 30),
      },
    ];
  }
  steps.push({ id: "follow-up", title: "Follow up in 7 days and log the outcome", due: addDays(start, 7) });
  return steps;
}
