/**
 * The model registry's endpoints (list, one model, train, promote, a customer's explanation),
 * typed from the zod contracts (types only), under one query key: every model write refreshes
 * every model figure, and a promotion the customer scores too.
 */
import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  CustomerExplanation as CustomerExplanationSchema,
  ModelList as ModelListSchema,
  ModelView as ModelViewSchema,
} from "../../../../src/contracts/models.ts";
import { apiJson, queryString, sendJson } from "../../api/http.ts";

export type ModelList = z.infer<typeof ModelListSchema>;
export type ModelView = z.infer<typeof ModelViewSchema>;
export type CustomerExplanation = z.infer<typeof CustomerExplanationSchema>;

export const modelsKey = ["models"] as const;

export const modelQueries = {
  list: (kind?: "churn" | "expansion") =>
    queryOptions({
      queryKey: [...modelsKey, "list", kind ?? "all"],
      queryFn: () => apiJson<ModelList>(`/v1/models${queryString({ kind, limit: 50 })}`),
    }),
  explanation: (customerId: string) =>
    queryOptions({
      queryKey: [...modelsKey, "explanation", customerId],
      queryFn: () =>
        apiJson<CustomerExplanation>(`/v1/customers/${encodeURIComponent(customerId)}/explanation`),
    }),
};

export const modelApi = {
  train: (kind?: "churn" | "expansion") =>
    sendJson<{ jobs: { kind: string; id: number; created: boolean }[] }>(
      "POST",
      "/v1/models/train",
      kind ? { kind } : {},
    ),
  promote: (id: number, reason: string) =>
    sendJson<ModelView>("POST", `/v1/models/${id}/promote`, { reason }),
};

/** The metrics JSON of a model, as train-model.ts records it. */
export interface Figures {
  auc: number;
  prAuc: number;
  precisionAt: Record<string, number>;
  recallAt: Record<string, number>;
  brier?: number;
  ece?: number;
  reliability?: { bin: number; predicted: number; observed: number; n: number }[];
}
export interface ModelMetrics {
  validation: { day: string; rows: number; positives: number; baseRate: number | null };
  train: { snapshots: number; first: string | null; last: string | null; rows: number; positives: number };
  model: Figures;
  candidates: Record<string, { auc: number | null; ms: number; trees?: number }>;
  baselines: Record<string, Figures>;
  headline: { name: string; auc: number };
  lift: Record<string, { auc: number | null; precisionAt10: number | null }>;
  liftCurves: Record<string, { top: number; recall: number; lift: number }[]>;
  importance: { name: string; value: number }[];
  minimum: { snapshots: number; positives: number };
}
export const metricsOf = (m: ModelView): ModelMetrics => m.metrics as unknown as ModelMetrics;
