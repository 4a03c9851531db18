import { HoldfastError } from "../../core/errors.ts";
import { appendAudit } from "../../store/audit.ts";
import { queueDispatch } from "../../store/delivery/dispatch-jobs.ts";
import type { DeliveryRow } from "../../store/delivery/outbox-delivery.ts";
import { redeliverDead } from "../../store/delivery/outbox-delivery.ts";
import {
  type AttemptRow,
  attemptsOf,
  type OutboxFilter,
  outboxRowById,
  pageOutbox,
} from "../../store/delivery/outbox-list.ts";
import { withTransaction } from "../../store/transaction.ts";
import type { UseCaseContext } from "../context.ts";

/** The Outbox page, `GET /v1/outbox` and `holdfast outbox` (docs/delivery.md). */

export interface OutboxEntryView {
  id: number;
  idempotency_key: string;
  customer_id: string;
  tactic: string;
  run_id: string;
  step_id: string;
  channel: string;
  status: string;
  payload: unknown;
  attempts: number;
  next_attempt_at: string | null;
  last_code: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  updated_at: string | null;
}

export interface AttemptView {
  attempt: number;
  at: string;
  status: string;
  code: string | null;
  error: string | null;
  latency_ms: number | null;
  endpoint_id: number | null;
}

const parse = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

export const entryView = (r: DeliveryRow): OutboxEntryView => ({
  id: r.id,
  idempotency_key: r.idempotency_key,
  customer_id: r.customer_id,
  tactic: r.tactic,
  run_id: r.run_id,
  step_id: r.step_id,
  channel: r.channel,
  status: r.status,
  payload: parse(r.payload),
  attempts: r.attempts,
  next_attempt_at: r.next_attempt_at,
  last_code: r.last_code,
  last_error: r.last_error,
  created_at: r.created_at,
  sent_at: r.sent_at,
  updated_at: r.updated_at,
});

const attemptView = (a: AttemptRow): AttemptView => ({
  attempt: a.attempt,
  at: a.at,
  status: a.status,
  code: a.code,
  error: a.error,
  latency_ms: a.latency_ms,
  endpoint_id: a.endpoint_id,
});

export const OUTBOX_STATUSES = [
  "pending",
  "sending",
  "sent",
  "dead",
  "held",
  "delivered",
  "cancelled",
] as const;

export async function listOutboxEntries(
  ctx: UseCaseContext,
  orgId: number,
  f: OutboxFilter & { limit?: number | undefined; offset?: number | undefined },
) {
  const limit = Math.min(500, Math.max(1, f.limit ?? 50));
  const offset = Math.max(0, f.offset ?? 0);
  const { rows, total } = await pageOutbox(ctx.db, orgId, f, limit, offset);
  return { items: rows.map(entryView), total, limit, offset };
}

export async function getOutboxEntry(ctx: UseCaseContext, orgId: number, id: number) {
  const r = await outboxRowById(ctx.db, orgId, id);
  if (!r) throw new HoldfastError("not_found", `No outbox entry ${id} in this org`);
  const attempts = await attemptsOf(ctx.db, orgId, [id]);
  return { ...entryView(r), attempt_log: attempts.map(attemptView) };
}

/**
 * Redelivers dead rows: one by id (`id`), or every dead row of the org (`id` null). Each goes
 * back to pending with its retry count reset (its attempt log is kept) and a dispatch is
 * queued. A row that is not dead is refused, naming its status.
 */
export async function retryOutbox(ctx: UseCaseContext, orgId: number, id: number | null, actor: string) {
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    if (id !== null) {
      const r = await outboxRowById(tx, orgId, id);
      if (!r) throw new HoldfastError("not_found", `No outbox entry ${id} in this org`);
      if (r.status !== "dead")
        throw new HoldfastError(
          "conflict",
          `Outbox entry ${id} is ${r.status}: only dead entries are redelivered`,
        );
    }
    const ids = await redeliverDead(tx, orgId, id, now);
    if (ids.length > 0) await queueDispatch(tx, orgId, now, now);
    await appendAudit(tx, orgId, now, {
      actor,
      action: "outbox.retry",
      subject: id === null ? "dead" : String(id),
      detail: { count: ids.length },
    });
    return { retried: ids };
  });
}
