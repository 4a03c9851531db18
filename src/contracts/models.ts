import { z } from "zod";

export const ModelKind = z.enum(["churn", "expansion"]);
export type ModelKind = z.infer<typeof ModelKind>;

export const ModelView = z.object({
  id: z.number().int(),
  kind: ModelKind,
  version: z.number().int(),
  status: z.enum(["candidate", "promoted", "retired"]),
  statusReason: z.string(),
  learner: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  horizonDays: z.number().int(),
  features: z.array(z.object({ name: z.string(), kind: z.string() })),
  params: z.record(z.string(), z.unknown()),
  /** Validation figures of the model and the baselines on the same window (docs/model.md). */
  metrics: z.record(z.string(), z.unknown()),
  trainingMs: z.number().int(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  promotedAt: z.string().nullable(),
  promotedBy: z.string().nullable(),
});
export type ModelView = z.infer<typeof ModelView>;

/** GET /v1/models */
export const ModelsQuery = z.object({
  kind: ModelKind.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ModelList = z.object({
  models: z.array(ModelView),
  /** Below these the composite stays the churn risk. */
  minimum: z.object({ snapshots: z.number().int(), positives: z.number().int() }),
  horizonDays: z.number().int(),
});
export type ModelList = z.infer<typeof ModelList>;

export const ModelIdParams = z.object({ id: z.coerce.number().int().min(1) });

/** POST /v1/models/train */
export const TrainModelBody = z.object({ kind: ModelKind.optional() }).strict();
export const TrainModelQueued = z.object({
  jobs: z.array(z.object({ kind: ModelKind, id: z.number().int(), created: z.boolean() })),
});

/** POST /v1/models/:id/promote */
export const PromoteModelBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const ModelReasonView = z.object({
  feature: z.string(),
  value: z.number().nullable(),
  effect: z.number(),
  text: z.string(),
});

/** GET /v1/customers/:id/explanation */
export const CustomerExplanation = z.object({
  customerId: z.string(),
  asOf: z.string(),
  model: z
    .object({ id: z.number().int(), kind: ModelKind, version: z.number().int(), learner: z.string() })
    .nullable(),
  note: z.string().nullable(),
  probability: z.number().nullable(),
  score: z.number().nullable(),
  base: z.number().nullable(),
  reasons: z.array(ModelReasonView),
});
export type CustomerExplanation = z.infer<typeof CustomerExplanation>;
export const ExplanationParams = z.object({ id: z.string().min(1).max(200) });
