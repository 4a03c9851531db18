import { addDays } from "../core/util/dates.ts";
import type { Db } from "./open-store.ts";

/** Asks for an out-of-schedule recompute of these customers (idempotent per customer). */
export async function requestRecompute(
  db: Db,
  orgId: number,
  customerIds: readonly string[],
  reason: string,
  at: Date,
): Promise<void> {
  if (customerIds.length === 0) return;
  const requestedAt = at.toISOString();
  await db.kysely
    .insertInto("recompute_requests")
    .values(
      customerIds.map((customer_id) => ({ org_id: orgId, customer_id, reason, requested_at: requestedAt })),
    )
    .onConflict((oc) =>
      oc.columns(["org_id", "customer_id"]).doUpdateSet((eb) => ({
        reason: eb.ref("excluded.reason"),
        requested_at: eb.ref("excluded.requested_at"),
      })),
    )
    .execute();
}

/** The waiting requests, oldest first, up to `limit`. */
export async function pendingRecomputes(db: Db, orgId: number, limit: number) {
  return db.kysely
    .selectFrom("recompute_requests")
    .select(["customer_id", "reason", "requested_at"])
    .where("org_id", "=", orgId)
    .orderBy("requested_at")
    .orderBy("customer_id")
    .limit(limit)
    .execute();
}

/** Removes requests that were served (only those not renewed since `servedBefore`). */
export async function clearRecomputes(
  db: Db,
  orgId: number,
  customerIds: readonly string[],
  servedBefore: string,
): Promise<void> {
  for (let i = 0; i < customerIds.length; i += 500) {
    await db.kysely
      .deleteFrom("recompute_requests")
      .where("org_id", "=", orgId)
      .where("customer_id", "in", customerIds.slice(i, i + 500))
      .where("requested_at", "<=", servedBefore)
      .execute();
  }
}

/**
 * API calls of each customer in the 7 days ending `day` and the 7 days before, for the
 * week-over-week drop check.
 */
export async function apiCallWeeks(
  db: Db,
  orgId: number,
  customerIds: readonly string[],
  day: string,
): Promise<Map<string, { last: number; prior: number }>> {
  const out = new Map<string, { last: number; prior: number }>();
  const lastFrom = addDays(day, -6);
  const priorFrom = addDays(day, -13);
  for (let i = 0; i < customerIds.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("metrics_daily")
      .select(["customer_id", "day", "value"])
      .where("org_id", "=", orgId)
      .where("customer_id", "in", customerIds.slice(i, i + 500))
      .where("day", ">=", priorFrom)
      .where("day", "<=", day)
      .where("metric", "=", "api_calls")
      .execute();
    for (const r of rows) {
      const w = out.get(r.customer_id) ?? { last: 0, prior: 0 };
      if (r.day >= lastFrom) w.last += r.value;
      else w.prior += r.value;
      out.set(r.customer_id, w);
    }
  }
  return out;
}
