import { type SqlBool, sql } from "kysely";
import type { Db } from "./open-store.ts";

/** An open subscription of a customer not churned, with the customer's headline score. */
export interface OpenSubscriptionRow {
  subscription_id: string;
  customer_id: string;
  account_name: string | null;
  plan_tier: string;
  start_date: string;
  end_date: string | null;
  billing_frequency: string | null;
  status: string | null;
  trial_end: string | null;
  auto_renew: number;
  arr: number;
  owner: string | null;
  risk_score: number | null;
  risk_level: string | null;
}

/**
 * The org's subscriptions still open on `asOf` (not canceled, no end date or one after `asOf`)
 * of customers whose status is not churned, each with the customer's current score of
 * `headlineKind`. One set-based query; renewal dates are computed from these rows in core.
 */
export async function openSubscriptions(
  db: Db,
  orgId: number,
  asOf: string,
  headlineKind: string,
): Promise<OpenSubscriptionRow[]> {
  const rows = await db.kysely
    .selectFrom("subscriptions as s")
    .innerJoin("customers as c", (j) =>
      j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
    )
    .leftJoin("scores as k", (j) =>
      j
        .onRef("k.org_id", "=", "c.org_id")
        .onRef("k.customer_id", "=", "c.id")
        .on("k.kind", "=", headlineKind),
    )
    .where("s.org_id", "=", orgId)
    .where((w) => w.or([w("s.status", "is", null), w("s.status", "<>", "canceled")]))
    .where((w) => w.or([w("s.end_date", "is", null), w("s.end_date", ">", asOf)]))
    .where(sql<SqlBool>`(c.status is null or c.status <> 'churned')`)
    .select([
      "s.id as subscription_id",
      "s.customer_id",
      sql<string | null>`coalesce(c.account_name, c.name)`.as("account_name"),
      "s.plan_tier",
      "s.start_date",
      "s.end_date",
      "s.billing_frequency",
      "s.status",
      "s.trial_end",
      "s.auto_renew",
      "s.arr",
      "c.owner",
      "k.score as risk_score",
      "k.level as risk_level",
    ])
    .execute();
  return rows.map((r) => ({
    ...r,
    auto_renew: Number(r.auto_renew),
    arr: Number(r.arr),
    risk_score: r.risk_score === null ? null : Number(r.risk_score),
  }));
}
