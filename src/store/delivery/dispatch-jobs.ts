import { enqueueJob } from "../jobs.ts";
import type { Db } from "../open-store.ts";

/**
 * Queues a `dispatch_outbox` job for the org at `runAt` unless one is queued already to run by
 * then (a queued one due later does not delay this one). Returns the job's id.
 */
export async function queueDispatch(db: Db, orgId: number, runAt: Date, now: Date): Promise<number> {
  const at = (runAt < now ? now : runAt).toISOString();
  const queued = await db.kysely
    .selectFrom("jobs")
    .select("id")
    .where("org_id", "=", orgId)
    .where("kind", "=", "dispatch_outbox")
    .where("status", "=", "queued")
    .where("run_at", "<=", at)
    .orderBy("id")
    .executeTakeFirst();
  if (queued) return Number(queued.id);
  return (await enqueueJob(db, orgId, { kind: "dispatch_outbox", runAt: new Date(at), priority: 2 }, now)).id;
}

/** The org's latest score change id (the webhooks consumer compares its cursor with it). */
export async function lastChangeId(db: Db, orgId: number): Promise<number> {
  const r = await db.kysely
    .selectFrom("score_changes")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return Number(r?.id ?? 0);
}
