import type { EarlyWarningConfig } from "../early-warning/config.ts";
import { churnRisk } from "./churn-risk.ts";
import type { ScoresConfig } from "./config.ts";
import { earlyWarningScore } from "./early-warning.ts";
import { engagement } from "./engagement.ts";
import { health } from "./health.ts";
import type { ScoreInput } from "./input.ts";
import type { ScoreKind } from "./kinds.ts";
import { lifecycle, type Transition } from "./lifecycle.ts";
import { customerNps } from "./nps.ts";
import { annualReadiness, conversionReadiness, trialEngagement, upgradeReadiness } from "./readiness.ts";
import { explain, type Scored, type ScoreResult } from "./result.ts";
import { computeSignals, type Signals } from "./signals.ts";
import { usageLimits, usageTrend } from "./usage.ts";

export type { ScoreChange, ScoreState } from "./changes.ts";
export { scoreChange, thresholdCrossed } from "./changes.ts";
export { SCORE_KINDS, type ScoreKind } from "./kinds.ts";
export type { Transition } from "./lifecycle.ts";
export type { Reason, Scored, ScoreResult } from "./result.ts";

/** The parts of the config scoring reads. */
export interface ScoringConfig {
  scores: ScoresConfig;
  earlyWarning: EarlyWarningConfig;
}

/**
 * Learned models applied inside the one pipeline (usecases/model/scoring-models.ts loads the
 * org's promoted ones once per refresh): churn risk from the churn model, null to fall back.
 */
export interface ScoringModels {
  churnRisk?: ((input: ScoreInput, s: Signals, asOf: string) => ScoreResult | null) | undefined;
}

/**
 * Every score kind of one customer as of `asOf` (pure; the clock is the as-of day), each in the
 * one stored shape: score, level, reasons, top reasons, actions, signals.
 */
export function computeScores(
  input: ScoreInput,
  asOf: string,
  config: ScoringConfig,
  models?: ScoringModels,
): { results: Record<ScoreKind, Scored>; transition: Transition | null } {
  const c = config.scores;
  const s = computeSignals(input, asOf);
  const risk = models?.churnRisk?.(input, s, asOf) ?? churnRisk(input, s, c.churnRisk, c.nps.detractorBelow);
  const eng = engagement(input, s, c.engagement);
  const h = health(input, s, eng.score, c.health);
  const life = lifecycle(input, s, h.score, risk.level, c.lifecycle);
  const trial = trialEngagement(input, s);
  return {
    results: {
      early_warning: earlyWarningScore(input.earlyWarning, config.earlyWarning),
      churn_risk: explain(risk),
      health: explain(h),
      engagement: explain(eng),
      lifecycle_stage: explain(life.result),
      nps: explain(customerNps(s, c.nps)),
      upgrade_readiness: explain(upgradeReadiness(input, s, c.upgradeReadiness)),
      trial_engagement: explain(trial),
      conversion_readiness: explain(conversionReadiness(s, trial)),
      annual_readiness: explain(annualReadiness(input, s, c.annualReadiness)),
      usage_limits: explain(usageLimits(s, asOf, c.usageLimits)),
      usage_trend: explain(usageTrend(s, c.usageTrend)),
    },
    transition: life.transition,
  };
}
