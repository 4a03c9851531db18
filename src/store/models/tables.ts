import type { Kysely } from "kysely";
import type { Db } from "../open-store.ts";
import type { Database } from "../schema.ts";

/** One row of the model registry (migration 015). */
export interface ModelTable {
  org_id: number;
  id: number;
  /** churn, expansion */
  kind: string;
  version: number;
  /** candidate, promoted, retired */
  status: string;
  status_reason: string;
  learner: string;
  window_from: string;
  window_to: string;
  horizon_days: number;
  features: string;
  params: string;
  metrics: string;
  training_ms: number;
  size_bytes: number;
  model: string;
  calibrator: string;
  created_at: string;
  created_by: string;
  promoted_at: string | null;
  promoted_by: string | null;
}

export interface ModelsDatabase extends Database {
  models: ModelTable;
}

/** The store's Kysely typed with the registry table too (it lives beside the shared schema). */
export const q = (db: Db): Kysely<ModelsDatabase> => db.kysely as unknown as Kysely<ModelsDatabase>;
