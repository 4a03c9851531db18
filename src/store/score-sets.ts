import type { Db } from "./open-store.ts";

// Reads of the stored score set; src/store/scores.ts writes it.

/** Current scores of every kind for one customer. */
export async function customerScores(db: Db, orgId: number, customerId: string) {
  return db.kysely
    .selectFrom("scores")
    .select(["kind", "score", "level", "as_of", "computed_at", "signals"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .execute();
}

/** Daily history of one kind for one customer, oldest first, from `fromDay`. */
export async function scoreTrend(db: Db, orgId: number, customerId: string, kind: string, fromDay: string) {
  return db.kysely
    .selectFrom("score_history")
    .select(["day", "score", "level"])
    .where("org_id", "=", orgId)
    .where("kind", "=", kind)
    .where("customer_id", "=", customerId)
    .where("day", ">=", fromDay)
    .orderBy("day")
    .execute();
}

export async function lifecycleHistory(db: Db, orgId: number, customerId: string) {
  return db.kysely
    .selectFrom("lifecycle_transitions")
    .select(["day", "from_stage", "to_stage", "reason"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("day", "desc")
    .limit(100)
    .execute();
}

/** The latest day with any rollup in the org (the default as-of for event data). */
export async function latestMetricDay(db: Db, orgId: number): Promise<string | null> {
  const r = await db.kysely
    .selectFrom("metrics_daily")
    .select((eb) => eb.fn.max("day").as("day"))
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return (r?.day as string | null | undefined) ?? null;
}
