import type { Db } from "./open-store.ts";

/** First churn day of each customer (by its account's churn events), for replay labels. */
export async function churnDays(db: Db, orgId: number): Promise<Map<string, string>> {
  const rows = await db.kysely
    .selectFrom("customers as c")
    .innerJoin("churn_events as e", (j) =>
      j.onRef("e.org_id", "=", "c.org_id").onRef("e.account_id", "=", "c.account_id"),
    )
    .select(["c.id", (eb) => eb.fn.min("e.churn_date").as("day")])
    .where("c.org_id", "=", orgId)
    .groupBy("c.id")
    .execute();
  return new Map(rows.map((r) => [r.id, r.day as string]));
}

/** Days each customer moved to a higher plan (from plan_changed events). */
export async function upgradeDays(db: Db, orgId: number): Promise<Map<string, string[]>> {
  const rows = await db.kysely
    .selectFrom("metrics_daily")
    .select(["customer_id", "day"])
    .where("org_id", "=", orgId)
    .where("metric", "=", "upgrades")
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.customer_id, [...(out.get(r.customer_id) ?? []), r.day]);
  return out;
}

export async function signupDays(db: Db, orgId: number): Promise<Map<string, string | null>> {
  const rows = await db.kysely
    .selectFrom("customers")
    .select(["id", "signup_date"])
    .where("org_id", "=", orgId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.signup_date]));
}

/** The last day with feature usage (usage_daily is keyed day first, so this is one seek). */
export async function latestUsageDay(db: Db, orgId: number): Promise<string | null> {
  const r = await db.kysely
    .selectFrom("usage_daily")
    .select("day")
    .where("org_id", "=", orgId)
    .orderBy("day", "desc")
    .limit(1)
    .executeTakeFirst();
  return r?.day ?? null;
}
