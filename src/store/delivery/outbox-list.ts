import type { Db } from "../open-store.ts";
import type { DeliveryRow } from "./outbox-delivery.ts";
import { dq } from "./tables.ts";

export interface OutboxFilter {
  channel?: string | undefined;
  status?: string | undefined;
  tactic?: string | undefined;
  customer?: string | undefined;
  endpointKeyPrefix?: string | undefined;
}

export interface AttemptRow {
  outbox_id: number;
  attempt: number;
  channel: string;
  at: string;
  status: string;
  code: string | null;
  error: string | null;
  latency_ms: number | null;
  endpoint_id: number | null;
}

function filtered(db: Db, orgId: number, f: OutboxFilter) {
  let s = dq(db).selectFrom("outbox").where("org_id", "=", orgId);
  if (f.channel) s = s.where("channel", "=", f.channel);
  if (f.status) s = s.where("status", "=", f.status);
  if (f.tactic) s = s.where("tactic", "=", f.tactic);
  if (f.customer) s = s.where("customer_id", "=", f.customer);
  if (f.endpointKeyPrefix) s = s.where("idempotency_key", "like", `${f.endpointKeyPrefix}%`);
  return s;
}

/** A page of the org's outbox, newest first, with the filter's total. */
export async function pageOutbox(
  db: Db,
  orgId: number,
  f: OutboxFilter,
  limit: number,
  offset: number,
): Promise<{ rows: DeliveryRow[]; total: number }> {
  const total = await filtered(db, orgId, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await filtered(db, orgId, f)
    .selectAll()
    .orderBy("id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      ...r,
      id: Number(r.id),
      org_id: Number(r.org_id),
      attempts: Number(r.attempts),
      retry_from: Number(r.retry_from),
    })),
  };
}

export async function outboxRowById(db: Db, orgId: number, id: number): Promise<DeliveryRow | null> {
  const r = await dq(db)
    .selectFrom("outbox")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r
    ? {
        ...r,
        id: Number(r.id),
        org_id: Number(r.org_id),
        attempts: Number(r.attempts),
        retry_from: Number(r.retry_from),
      }
    : null;
}

const toAttempt = (r: AttemptRow): AttemptRow => ({
  ...r,
  outbox_id: Number(r.outbox_id),
  attempt: Number(r.attempt),
  latency_ms: r.latency_ms === null ? null : Number(r.latency_ms),
  endpoint_id: r.endpoint_id === null ? null : Number(r.endpoint_id),
});

/** Attempts of some outbox rows, in order. */
export async function attemptsOf(db: Db, orgId: number, ids: readonly number[]): Promise<AttemptRow[]> {
  if (ids.length === 0) return [];
  const rows = await dq(db)
    .selectFrom("delivery_attempts")
    .select(["outbox_id", "attempt", "channel", "at", "status", "code", "error", "latency_ms", "endpoint_id"])
    .where("org_id", "=", orgId)
    .where("outbox_id", "in", [...ids])
    .orderBy("outbox_id")
    .orderBy("attempt")
    .execute();
  return rows.map(toAttempt);
}

/** An endpoint's delivery log, newest first. */
export async function endpointAttempts(
  db: Db,
  orgId: number,
  endpointId: number,
  limit: number,
): Promise<AttemptRow[]> {
  const rows = await dq(db)
    .selectFrom("delivery_attempts")
    .select(["outbox_id", "attempt", "channel", "at", "status", "code", "error", "latency_ms", "endpoint_id"])
    .where("org_id", "=", orgId)
    .where("endpoint_id", "=", endpointId)
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toAttempt);
}

/** One customer's delivery attempts with their rows' channel and status, newest first. */
export async function customerDeliveryFacts(db: Db, orgId: number, customerId: string, cap: number) {
  const rows = await dq(db)
    .selectFrom("delivery_attempts as a")
    .innerJoin("outbox as o", (j) => j.onRef("o.org_id", "=", "a.org_id").onRef("o.id", "=", "a.outbox_id"))
    .select([
      "a.outbox_id",
      "a.attempt",
      "a.at",
      "a.status",
      "a.code",
      "a.error",
      "o.channel",
      "o.tactic",
      "o.step_id",
      "o.status as row_status",
      "o.attempts as row_attempts",
    ])
    .where("a.org_id", "=", orgId)
    .where("o.customer_id", "=", customerId)
    .where("o.channel", "in", ["email", "sms", "slack", "webhook"])
    .orderBy("a.at", "desc")
    .limit(cap)
    .execute();
  return rows.map((r) => ({
    ...r,
    outbox_id: Number(r.outbox_id),
    attempt: Number(r.attempt),
    row_attempts: Number(r.row_attempts),
  }));
}
