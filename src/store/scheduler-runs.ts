import type { Db } from "./open-store.ts";

/**
 * Claims the day's run of a job for an org: true for exactly one caller per (org, job, day), even
 * with several processes on one PostgreSQL (the claim is one conditional write).
 */
export async function claimDailyRun(
  db: Db,
  orgId: number,
  job: string,
  day: string,
  at: Date,
): Promise<boolean> {
  const k = db.kysely;
  const inserted = await k
    .insertInto("scheduler_runs")
    .values({ org_id: orgId, job, last_day: day, last_at: at.toISOString(), detail: null })
    .onConflict((oc) => oc.columns(["org_id", "job"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
  const updated = await k
    .updateTable("scheduler_runs")
    .set({ last_day: day, last_at: at.toISOString() })
    .where("org_id", "=", orgId)
    .where("job", "=", job)
    .where("last_day", "<", day)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function recordRunDetail(db: Db, orgId: number, job: string, detail: unknown): Promise<void> {
  await db.kysely
    .updateTable("scheduler_runs")
    .set({ detail: JSON.stringify(detail) })
    .where("org_id", "=", orgId)
    .where("job", "=", job)
    .execute();
}

export async function lastRun(db: Db, orgId: number, job: string) {
  return db.kysely
    .selectFrom("scheduler_runs")
    .select(["last_day", "last_at", "detail"])
    .where("org_id", "=", orgId)
    .where("job", "=", job)
    .executeTakeFirst();
}
