import type { Generated, Kysely } from "kysely";
import type { Db } from "../open-store.ts";
import type { Database } from "../schema.ts";

/** The plays tables (migration 010); see docs/plays.md. */

export interface PlayTickTable {
  org_id: number;
  tick_id: string;
  as_of: string;
  counts: string;
  actor: string;
  at: string;
  /** Hash of the plays config the tick ran with (migration 017; null before it). */
  config_hash: string | null;
}

export interface PlayRunTable {
  org_id: number;
  customer_id: string;
  tactic: string;
  run_id: string;
  run_key: string | null;
  status: string;
  /** JSON: the flow state (core/plays/flow.ts FlowState). */
  state: string;
  next_due_at: string | null;
  exit_cause: string | null;
  exit_detail: string | null;
  started_at: string;
  ended_at: string | null;
  updated_at: string;
}

export interface PlayDecisionTable {
  org_id: number;
  id: Generated<number>;
  decision_key: string;
  tick_id: string;
  customer_id: string;
  tactic: string;
  kind: string;
  step_id: string | null;
  run_key: string | null;
  cause: string;
  outcome: string;
  rule: string | null;
  reason: string;
  next_eligible_at: string | null;
  approval: number;
  as_of: string;
}

export interface OutboxTable {
  org_id: number;
  id: Generated<number>;
  idempotency_key: string;
  customer_id: string;
  tactic: string;
  run_id: string;
  step_id: string;
  channel: string;
  payload: string;
  status: string;
  created_at: string;
}

export interface OfferTable {
  org_id: number;
  id: string;
  customer_id: string;
  tactic: string;
  surface: string;
  kind: string;
  status: string;
  percent: number | null;
  cycles: number | null;
  months: number | null;
  days: number | null;
  trial_id: string | null;
  proposed_at: string;
  expires_at: string;
  decided_at: string | null;
  ends_at: string | null;
}

export interface CsmTaskTable {
  org_id: number;
  id: Generated<number>;
  idempotency_key: string;
  customer_id: string;
  tactic: string;
  owner: string | null;
  queue: string;
  reason: string;
  due_on: string;
  status: string;
  note: string | null;
  snoozed_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface DealTable {
  org_id: number;
  id: Generated<number>;
  idempotency_key: string;
  customer_id: string;
  tactic: string;
  stage: string;
  estimated_amount: number;
  owner: string | null;
  reason: string;
  created_at: string;
  updated_at: string;
}

export interface ApprovalTable {
  org_id: number;
  id: Generated<number>;
  idempotency_key: string;
  customer_id: string;
  tactic: string;
  what: string;
  why: string;
  status: string;
  decided_by: string | null;
  reason: string | null;
  decided_at: string | null;
  expires_at: string;
  created_at: string;
}

export interface PlayInsightTable {
  org_id: number;
  tactic: string;
  title: string;
  figures: string;
  suggestion: string;
  open: number;
  as_of: string;
  updated_at: string;
}

export interface PlaysDatabase extends Database {
  play_ticks: PlayTickTable;
  play_runs: PlayRunTable;
  play_decisions: PlayDecisionTable;
  outbox: OutboxTable;
  offers: OfferTable;
  csm_tasks: CsmTaskTable;
  deals: DealTable;
  approvals: ApprovalTable;
  play_insights: PlayInsightTable;
}

/** The store's Kysely typed with the plays tables too (they live beside the shared schema). */
export const q = (db: Db): Kysely<PlaysDatabase> => db.kysely as unknown as Kysely<PlaysDatabase>;

/** Splits ids into chunks small enough for one `in (...)` list on either store. */
export function chunks<T>(xs: readonly T[], n = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
