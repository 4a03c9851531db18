import { z } from "zod";

/** Every score kind Holdfast computes (SPEC section 4). `early_warning` is seed 004's exact rules. */
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

/** The current value of one score kind for one customer. */
export const ScoreView = z.object({
  kind: ScoreKind,
  score: z.number().nullable().describe("null when unscored (too little data)"),
  level: z
    .string()
    .describe(
      "tier, band or stage: e.g. churn_risk low|medium|high|critical; health healthy|stable|watch|at_risk|critical; unscored",
    ),
  as_of: z.string(),
  computed_at: z.string(),
  signals: z.array(ScoreSignal).describe("primary contributing signals, strongest first"),
  detail: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("kind-specific extras, e.g. per-meter proximity"),
});
export type ScoreView = z.infer<typeof ScoreView>;

export const ScoreTrendQuery = z.object({
  kind: ScoreKind.default("churn_risk"),
  days: z.coerce.number().int().min(1).max(366).default(30),
});
export const ScoreTrend = z.object({
  kind: ScoreKind,
  points: z.array(z.object({ day: z.string(), score: z.number().nullable(), level: z.string() })),
});

export const LifecycleTransition = z.object({
  day: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  reason: z.string(),
});

export const RecomputeResult = z.object({
  customer_id: z.string(),
  as_of: z.string(),
  scores: z.record(z.string(), ScoreView),
});
