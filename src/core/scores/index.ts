import { churnRisk } from "./churn-risk.ts";
import type { ScoresConfig } from "./config.ts";
import { engagement } from "./engagement.ts";
import { health } from "./health.ts";
import type { ScoreInput } from "./input.ts";
import { lifecycle, type Transition } from "./lifecycle.ts";
import { customerNps } from "./nps.ts";
import { annualReadiness, conversionReadiness, trialEngagement, upgradeReadiness } from "./readiness.ts";
import type { ScoreResult } from "./result.ts";
import { computeSignals } from "./signals.ts";
import { usageLimits, usageTrend } from "./usage.ts";

export type { Transition } from "./lifecycle.ts";
export type { ScoreResult } from "./result.ts";

export type ComputedKind = ScoreResult["kind"];

/** Every score kind of one customer as of `asOf` (pure; the clock is the as-of day). */
export function computeScores(
  input: ScoreInput,
  asOf: string,
  config: ScoresConfig,
): { results: Record<ComputedKind, ScoreResult>; transition: Transition | null } {
  const s = computeSignals(input, asOf);
  const risk = churnRisk(input, s, config.churnRisk, config.nps.detractorBelow);
  const eng = engagement(input, s, config.engagement);
  const h = health(input, s, eng.score, config.health);
  const life = lifecycle(input, s, h.score, risk.level, config.lifecycle);
  const trial = trialEngagement(input, s);
  return {
    results: {
      churn_risk: risk,
      health: h,
      engagement: eng,
      lifecycle_stage: life.result,
      nps: customerNps(s, config.nps),
      upgrade_readiness: upgradeReadiness(input, s, config.upgradeReadiness),
      trial_engagement: trial,
      conversion_readiness: conversionReadiness(s, trial),
      annual_readiness: annualReadiness(input, s, config.annualReadiness),
      usage_limits: usageLimits(s, asOf, config.usageLimits),
      usage_trend: usageTrend(s, config.usageTrend),
    },
    transition: life.transition,
  };
}
