import type { SubscriptionSpan } from "../core/report/revenue-retention.ts";
import type { Db } from "./open-store.ts";

/**
 * Every subscription span with MRR that overlaps [from, to]: started on or before `to` and not
 * ended before `from`. One set-based query over the org's subscriptions (no per-customer reads).
 */
export async function subscriptionSpans(
  db: Db,
  orgId: number,
  from: string,
  to: string,
): Promise<SubscriptionSpan[]> {
  const rows = await db.kysely
    .selectFrom("subscriptions")
    .select(["customer_id", "start_date", "end_date", "mrr"])
    .where("org_id", "=", orgId)
    .where("mrr", ">", 0)
    .where("start_date", "<=", to)
    .where((w) => w.or([w("end_date", "is", null), w("end_date", ">", from)]))
    .execute();
  return rows.map((r) => ({
    customerId: r.customer_id,
    startDate: r.start_date,
    endDate: r.end_date,
    mrr: Number(r.mrr),
  }));
}
