import { z } from "zod";

/** The churn and expansion models (docs/model.md). */
export const modelConfigSchema = z.strictObject({
  /** Days after a snapshot within which a churn (or an upgrade) makes its label positive. */
  horizonDays: z.number().int().min(7).max(365),
  /** Promote a newly trained model when it beats the headline score on the newest window. */
  autoPromote: z.boolean(),
  /** Below this many labeled monthly snapshots the composite stays the churn risk. */
  minSnapshots: z.number().int().min(2).max(120),
  /** Below this many positive labels (churns or upgrades) the composite stays too. */
  minPositives: z.number().int().min(1),
  /** Retrain monthly (the scheduler queues one train job per kind and month). */
  monthlyRetrain: z.boolean(),
});
export type ModelConfig = z.infer<typeof modelConfigSchema>;

export const MODEL_DEFAULTS: ModelConfig = {
  // A quarter: the time a CSM needs to act on a risk, and the usual renewal notice.
  horizonDays: 90,
  autoPromote: true,
  // Half a year of monthly snapshots and 30 churns: fewer and the validation AUC is noise.
  minSnapshots: 6,
  minPositives: 30,
  monthlyRetrain: true,
};
