import { z } from "zod";

/**
 * The domain's score vocabulary. Every score kind Holdfast computes (SPEC section 4);
 * `early_warning` is seed 004's exact rules. The API's contract (src/contracts/scores.ts)
 * re-exports these and composes its views from them.
 */
export const SCORE_KINDS = [
  "early_warning",
  "churn_risk",
  "health",
  "engagement",
  "lifecycle_stage",
  "nps",
  "upgrade_readiness",
  "trial_engagement",
  "conversion_readiness",
  "annual_readiness",
  "usage_limits",
  "usage_trend",
] as const;
export const ScoreKind = z.enum(SCORE_KINDS);
export type ScoreKind = z.infer<typeof ScoreKind>;

/** One contributing signal, in words for people and as a value for machines. */
export const ScoreSignal = z.object({
  name: z.string().describe("stable id, e.g. sessions_vs_baseline"),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  effect: z.number().describe("points this signal moved the score (negative lowers it)"),
  text: z.string().describe("the signal in words, e.g. 'Sessions down 64% against own 8-week baseline'"),
});
export type ScoreSignal = z.infer<typeof ScoreSignal>;
