import type { ScoresConfig } from "./config.ts";
import type { ScoreInput } from "./input.ts";
import type { ScoreResult } from "./result.ts";
import type { Signals } from "./signals.ts";

export type Stage = "onboarding" | "active" | "at_risk" | "churned" | "advocate";

export interface Transition {
  from: string | null;
  to: Stage;
  reason: string;
}

/**
 * Lifecycle stage, first match wins: churned exactly when the customer's status is churned
 * (core/customers/status.ts; without a status, when its subscription ended), onboarding (inside
 * the setup window), at_risk for a customer idle beyond the churn window (it still pays),
 * at_risk (low health or high/critical churn risk), advocate (high health and promoter NPS; never
 * at high churn risk, so the stage agrees with the headline risk), else active. Score = health.
 */
export function lifecycle(
  input: ScoreInput,
  s: Signals,
  healthScore: number | null,
  churnTier: string,
  c: ScoresConfig["lifecycle"],
): { result: ScoreResult; transition: Transition | null } {
  const p = input.profile;
  let stage: Stage;
  let reason: string;
  const idle = s.daysSinceActive;
  const tenure = s.tenureDays;
  const churned = input.status ? input.status.status === "churned" : p.subscriptionStatus === "canceled";
  if (churned) {
    stage = "churned";
    const on = input.status?.churnDate ?? p.endedOn;
    reason = on ? `Subscription ended on ${on}` : "Subscription canceled";
  } else if (
    tenure !== null &&
    tenure > c.churnAfterInactiveDays &&
    (idle === null || idle > c.churnAfterInactiveDays)
  ) {
    stage = "at_risk";
    reason =
      idle === null
        ? `No activity in the last 120 days`
        : `No activity for ${idle} days (churn window ${c.churnAfterInactiveDays})`;
  } else if (tenure !== null && tenure <= c.onboardingDays) {
    stage = "onboarding";
    reason = `Signed up ${tenure} days ago (setup window ${c.onboardingDays} days)`;
  } else if (
    (healthScore !== null && healthScore < c.atRiskBelowHealth) ||
    churnTier === "high" ||
    churnTier === "critical"
  ) {
    // At risk before advocate: a customer at high churn risk is no advocate, whatever its NPS.
    stage = "at_risk";
    reason =
      healthScore !== null && healthScore < c.atRiskBelowHealth
        ? `Health ${healthScore} below ${c.atRiskBelowHealth}`
        : `Churn risk ${churnTier}`;
  } else if (
    healthScore !== null &&
    healthScore >= c.advocateMinHealth &&
    s.nps !== null &&
    s.nps >= c.advocateMinNps
  ) {
    stage = "advocate";
    reason = `Health ${healthScore} and NPS ${s.nps}`;
  } else {
    stage = "active";
    reason = "Regular engagement";
  }
  const result: ScoreResult = {
    kind: "lifecycle_stage",
    score: healthScore,
    level: stage,
    signals: [{ name: "stage", value: stage, effect: 0, text: reason }],
  };
  const transition =
    input.previousStage !== null && input.previousStage !== stage
      ? { from: input.previousStage, to: stage, reason }
      : null;
  return { result, transition };
}
