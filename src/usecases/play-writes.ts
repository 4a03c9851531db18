import { type FlowEffect, type FlowState, nextWakeAt } from "../core/plays/flow.ts";
import type { Offer } from "../core/plays/offers-ledger.ts";
import { addDaysTo } from "../core/plays/time.ts";
import type { Tactic } from "../core/plays/types.ts";
import type { Db } from "../store/open-store.ts";
import { insertApprovals, type NewApproval } from "../store/plays/approvals.ts";
import { insertDeals, type NewDeal } from "../store/plays/deals.ts";
import { insertDecisions, type NewDecision } from "../store/plays/decisions.ts";
import { saveOffers } from "../store/plays/offers.ts";
import { insertOutbox, type NewOutboxRow } from "../store/plays/outbox.ts";
import { type RunRow, saveRuns } from "../store/plays/runs.ts";
import { insertTasks, type NewTask } from "../store/plays/tasks.ts";
import { offerToRow } from "./play-context.ts";

/**
 * What one page of a plays tick writes, and the writing: runs, decisions, outbox rows, and the
 * rows an effect makes in the store (CSM tasks, deals, approvals), all keyed by the effect's
 * idempotency key so a rerun or a second worker writes each once.
 */

/** Deal estimate when plan prices cannot tell the expansion: a share of the customer's ARR. */
const DEAL_SHARE = 0.2;

export interface PageWrites {
  runs: RunRow[];
  decisions: NewDecision[];
  outbox: NewOutboxRow[];
  offers: Offer[];
  tasks: Map<string, NewTask>;
  deals: Map<string, NewDeal>;
  approvals: Map<string, NewApproval>;
}

/** A run as stored; `next_due_at` is its step timer (next step or window end, core `nextWakeAt`). */
export const runRow = (f: FlowState, now: string, t?: Tactic): RunRow => ({
  customer_id: f.customerId,
  tactic: f.tactic,
  run_id: f.runId,
  run_key: f.key,
  status: f.status,
  state: JSON.stringify(f),
  next_due_at: t ? nextWakeAt(t, f) : f.dueAt,
  exit_cause: f.exit?.cause ?? null,
  exit_detail: f.exit?.detail ?? null,
  started_at: f.startedAt,
  ended_at: f.exit?.at ?? null,
  updated_at: now,
});

/** The rows one effect makes besides its outbox row (stored surfaces and approvals). */
export function effectRows(
  e: Extract<FlowEffect, { type: "send" }>,
  t: Tactic,
  cause: string,
  facts: { arr: number; owner: string | null },
  approval: { arrAbove: number; expireHours: number },
  w: PageWrites,
  now: Date,
) {
  const at = now.toISOString();
  const reason = `${t.name}: ${e.action.replace(/[._]/g, " ")} (${cause})`;
  if (e.approval) {
    w.approvals.set(e.idempotencyKey, {
      idempotency_key: e.idempotencyKey,
      customer_id: e.customerId,
      tactic: e.tactic,
      what: `${t.name}: step ${e.stepId} (${e.action}) on ${e.surface}`,
      why: `ARR ${Math.round(facts.arr)} is above the approval threshold ${approval.arrAbove}`,
      status: "pending",
      decided_by: null,
      reason: null,
      decided_at: null,
      expires_at: new Date(now.getTime() + approval.expireHours * 3_600_000).toISOString(),
      created_at: at,
    });
  }
  if (e.surface === "csm_task")
    w.tasks.set(e.idempotencyKey, {
      idempotency_key: e.idempotencyKey,
      customer_id: e.customerId,
      tactic: e.tactic,
      owner: facts.owner,
      queue: facts.owner ? "owner" : "csm",
      reason,
      due_on: addDaysTo(now, 2).toISOString().slice(0, 10),
      status: "open",
      note: null,
      snoozed_until: null,
      created_at: at,
      updated_at: at,
    });
  if (e.surface === "deal")
    w.deals.set(e.idempotencyKey, {
      idempotency_key: e.idempotencyKey,
      customer_id: e.customerId,
      tactic: e.tactic,
      stage: "identified",
      estimated_amount: Math.round(facts.arr * DEAL_SHARE),
      owner: facts.owner,
      reason,
      created_at: at,
      updated_at: at,
    });
}

/** Surfaces Holdfast delivers in its own store (tasks, deals, insights). */
export const STORED = new Set(["csm_task", "deal", "insight"]);

export const emptyWrites = (): PageWrites => ({
  runs: [],
  decisions: [],
  outbox: [],
  offers: [],
  tasks: new Map(),
  deals: new Map(),
  approvals: new Map(),
});

/** Writes a batch of pages in the caller's transaction (bulk per table); returns what it added. */
export async function writePage(tx: Db, orgId: number, w: PageWrites) {
  await saveRuns(tx, orgId, w.runs);
  const decisions = await insertDecisions(tx, orgId, w.decisions);
  const fresh = await insertOutbox(tx, orgId, w.outbox);
  const approvals = [...w.approvals].filter(([k]) => fresh.has(k)).map(([, a]) => a);
  await insertApprovals(tx, orgId, approvals);
  // A held effect's task or deal is made when its approval is granted.
  const made = (k: string) => fresh.has(k) && !w.approvals.has(k);
  await insertTasks(
    tx,
    orgId,
    [...w.tasks].filter(([k]) => made(k)).map(([, t]) => t),
  );
  await insertDeals(
    tx,
    orgId,
    [...w.deals].filter(([k]) => made(k)).map(([, d]) => d),
  );
  await saveOffers(tx, orgId, w.offers.map(offerToRow));
  return { runs: w.runs.length, decisions, outbox: fresh.size, approvals: approvals.length };
}
