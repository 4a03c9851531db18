import { z } from "zod";
import { ScoreKind, ScoreSignal } from "../core/scores/kinds.ts";

/** The score vocabulary is the domain's (src/core/scores/kinds.ts); re-exported for the API and the dashboard. */
export { SCORE_KINDS, ScoreKind, ScoreSignal } from "../core/scores/kinds.ts";

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
