import { type Selectable, sql } from "kysely";
import type { Db } from "./open-store.ts";
import type { JobTable } from "./schema.ts";

export type JobStatus = "queued" | "running" | "done" | "dead" | "cancelled";

export interface NewJob {
  kind: string;
  payload?: unknown;
  runAt?: Date | undefined;
  /** Higher runs first among due jobs. */
  priority?: number | undefined;
  maxAttempts?: number | undefined;
  /** At most one job per org carries a key: enqueueing it again returns the existing job. */
  idempotencyKey?: string | null | undefined;
}

export interface Job {
  id: number;
  orgId: number;
  kind: string;
  payload: unknown;
  status: JobStatus;
  runAt: string;
  priority: number;
  attempts: number;
  maxAttempts: number;
  leaseUntil: string | null;
  lockedBy: string | null;
  lastError: string | null;
  idempotencyKey: string | null;
  progress: unknown;
  result: unknown;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

type JobRecord = Selectable<JobTable>;

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

function toJob(r: JobRecord): Job {
  return {
    id: Number(r.id),
    orgId: Number(r.org_id),
    kind: r.kind,
    payload: parse(r.payload),
    status: r.status as JobStatus,
    runAt: r.run_at,
    priority: Number(r.priority),
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    leaseUntil: r.lease_until,
    lockedBy: r.locked_by,
    lastError: r.last_error,
    idempotencyKey: r.idempotency_key,
    progress: parse(r.progress),
    result: parse(r.result),
    cancelRequested: Number(r.cancel_requested) === 1,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** Adds a job; with an idempotency key already used in the org, returns that job instead. */
export async function enqueueJob(
  db: Db,
  orgId: number,
  job: NewJob,
  now: Date,
): Promise<{ id: number; created: boolean }> {
  const key = job.idempotencyKey ?? null;
  const inserted = await db.kysely
    .insertInto("jobs")
    .values({
      org_id: orgId,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      status: "queued",
      run_at: (job.runAt ?? now).toISOString(),
      priority: job.priority ?? 0,
      attempts: 0,
      max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      idempotency_key: key,
      cancel_requested: 0,
      created_at: now.toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(["org_id", "idempotency_key"]).where("idempotency_key", "is not", null).doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  if (inserted) return { id: Number(inserted.id), created: true };
  const existing = await db.kysely
    .selectFrom("jobs")
    .select("id")
    .where("org_id", "=", orgId)
    .where("idempotency_key", "=", key)
    .executeTakeFirstOrThrow();
  return { id: Number(existing.id), created: false };
}

/**
 * Adds a job unless one of the same kind is already queued for the org (and not yet claimed):
 * many triggers in a row (event batches, say) then cost one run. Returns the queued job's id.
 */
export async function enqueueUnlessQueued(db: Db, orgId: number, job: NewJob, now: Date): Promise<number> {
  const queued = await db.kysely
    .selectFrom("jobs")
    .select("id")
    .where("org_id", "=", orgId)
    .where("kind", "=", job.kind)
    .where("status", "=", "queued")
    .orderBy("id")
    .executeTakeFirst();
  if (queued) return Number(queued.id);
  return (await enqueueJob(db, orgId, job, now)).id;
}

/**
 * Claims up to `limit` due jobs for one worker, in one statement: queued jobs whose run time has
 * come, and running jobs whose lease expired (their worker died), highest priority first.
 * PostgreSQL skips rows another worker is claiming (`for update skip locked`); on SQLite the
 * statement is one write transaction, so two workers on one file serialise.
 */
export async function claimJobs(
  db: Db,
  opts: {
    workerId: string;
    limit: number;
    now: Date;
    leaseMs: number;
    orgId?: number | undefined;
    /** Kinds of which an org runs one at a time: not claimed while one of them runs for the org. */
    exclusiveKinds?: readonly string[] | undefined;
  },
): Promise<Job[]> {
  const at = opts.now.toISOString();
  // An idle queue costs one indexed read, no write (an idle worker polls every second).
  let any = db.kysely
    .selectFrom("jobs")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "queued"), eb("run_at", "<=", at)]),
        eb.and([eb("status", "=", "running"), eb("lease_until", "<", at)]),
      ]),
    );
  if (opts.orgId !== undefined) any = any.where("org_id", "=", opts.orgId);
  if (!(await any.limit(1).executeTakeFirst())) return [];
  // A job whose lease ran out on its last attempt is dead, not run again.
  await db.kysely
    .updateTable("jobs")
    .set({
      status: "dead",
      finished_at: at,
      last_error: sql<string>`coalesce(last_error || '; ', '') || 'lease expired on the last attempt (worker lost)'`,
    })
    .where("status", "=", "running")
    .where("lease_until", "<", at)
    .where((eb) => eb("attempts", ">=", eb.ref("max_attempts")))
    .execute();
  let due = db.kysely
    .selectFrom("jobs")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "queued"), eb("run_at", "<=", at)]),
        eb.and([eb("status", "=", "running"), eb("lease_until", "<", at)]),
      ]),
    )
    .orderBy("priority", "desc")
    .orderBy("run_at")
    .orderBy("id")
    .limit(opts.limit);
  if (opts.orgId !== undefined) due = due.where("org_id", "=", opts.orgId);
  const exclusive = opts.exclusiveKinds ?? [];
  if (exclusive.length > 0) {
    due = due.where((eb) =>
      eb.or([
        eb("kind", "not in", exclusive),
        eb.not(
          eb.exists(
            eb
              .selectFrom("jobs as r")
              .select("r.id")
              .whereRef("r.org_id", "=", "jobs.org_id")
              .where("r.status", "=", "running")
              .where("r.lease_until", ">=", at)
              .where("r.kind", "in", exclusive),
          ),
        ),
      ]),
    );
  }
  // The due rows are picked once in a materialized CTE: an `update ... where id in (select ...
  // limit n for update skip locked)` may rescan its subquery on PostgreSQL and claim more than n.
  const rows = await db.kysely
    .with(
      (cte) => cte("due").materialized(),
      () => (db.driver.skipLocked ? due.forUpdate().skipLocked() : due),
    )
    .updateTable("jobs")
    .set((eb) => ({
      status: "running",
      attempts: eb("attempts", "+", 1),
      locked_by: opts.workerId,
      lease_until: new Date(opts.now.getTime() + opts.leaseMs).toISOString(),
      started_at: at,
    }))
    .where("id", "in", (eb) => eb.selectFrom("due").select("due.id"))
    .returningAll()
    .execute();
  const claimed = (rows as JobRecord[]).map(toJob).sort((a, b) => b.priority - a.priority || a.id - b.id);
  // One claim may have picked two exclusive jobs of one org: keep the first, give back the rest.
  const held = new Set<number>();
  const out: Job[] = [];
  for (const job of claimed) {
    if (exclusive.includes(job.kind)) {
      if (held.has(job.orgId)) {
        await db.kysely
          .updateTable("jobs")
          .set((eb) => ({
            status: "queued",
            attempts: eb("attempts", "-", 1),
            locked_by: null,
            lease_until: null,
          }))
          .where("id", "=", job.id)
          .where("locked_by", "=", opts.workerId)
          .execute();
        continue;
      }
      held.add(job.orgId);
    }
    out.push(job);
  }
  return out;
}

/** Extends a held lease and stores progress; says whether the lease is still ours and if cancel was asked. */
export async function heartbeatJob(
  db: Db,
  id: number,
  workerId: string,
  leaseUntil: Date,
  progress?: unknown,
): Promise<{ held: boolean; cancelRequested: boolean }> {
  const r = await db.kysely
    .updateTable("jobs")
    .set({
      lease_until: leaseUntil.toISOString(),
      ...(progress === undefined ? {} : { progress: JSON.stringify(progress) }),
    })
    .where("id", "=", id)
    .where("locked_by", "=", workerId)
    .where("status", "=", "running")
    .returning("cancel_requested")
    .executeTakeFirst();
  return { held: r !== undefined, cancelRequested: Number(r?.cancel_requested ?? 0) === 1 };
}

/** Ends a held job: done (with its result), cancelled, queued again at `retryAt`, or dead. */
export async function finishJob(
  db: Db,
  id: number,
  workerId: string,
  end:
    | { status: "done" | "cancelled"; result: unknown }
    | { status: "queued"; error: string; retryAt: Date }
    | { status: "dead"; error: string },
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const set =
    end.status === "queued"
      ? {
          status: "queued",
          last_error: end.error,
          run_at: end.retryAt.toISOString(),
          lease_until: null,
          locked_by: null,
        }
      : end.status === "dead"
        ? { status: "dead", last_error: end.error, finished_at: at, lease_until: null }
        : {
            status: end.status,
            result: JSON.stringify(end.result ?? null),
            finished_at: at,
            lease_until: null,
          };
  const r = await db.kysely
    .updateTable("jobs")
    .set(set)
    .where("id", "=", id)
    .where("locked_by", "=", workerId)
    .where("status", "=", "running")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function getJob(db: Db, orgId: number, id: number): Promise<Job | undefined> {
  const r = await db.kysely
    .selectFrom("jobs")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? toJob(r as JobRecord) : undefined;
}

export async function listJobs(
  db: Db,
  orgId: number,
  opts: { status?: JobStatus | undefined; kind?: string | undefined; limit: number },
): Promise<Job[]> {
  let q = db.kysely.selectFrom("jobs").selectAll().where("org_id", "=", orgId);
  if (opts.status) q = q.where("status", "=", opts.status);
  if (opts.kind) q = q.where("kind", "=", opts.kind);
  const rows = await q.orderBy("id", "desc").limit(opts.limit).execute();
  return (rows as JobRecord[]).map(toJob);
}

/** How many of the org's jobs are in each status. */
export async function jobCounts(db: Db, orgId: number): Promise<Record<JobStatus, number>> {
  const rows = await db.kysely
    .selectFrom("jobs")
    .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
    .where("org_id", "=", orgId)
    .groupBy("status")
    .execute();
  const out: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, dead: 0, cancelled: 0 };
  for (const r of rows) out[r.status as JobStatus] = Number(r.n);
  return out;
}

/** True while any job is queued or running (in the org, or any): what `worker --until-idle` waits on. */
export async function hasUnfinishedJobs(db: Db, orgId?: number): Promise<boolean> {
  let q = db.kysely.selectFrom("jobs").select("id").where("status", "in", ["queued", "running"]);
  if (orgId !== undefined) q = q.where("org_id", "=", orgId);
  const r = await q.limit(1).executeTakeFirst();
  return r !== undefined;
}

/** Cancels a job: a queued one at once; a running one is asked to stop at its next heartbeat. */
export async function cancelJob(db: Db, orgId: number, id: number, now: Date): Promise<Job | undefined> {
  await db.kysely
    .updateTable("jobs")
    .set({ status: "cancelled", finished_at: now.toISOString() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "=", "queued")
    .execute();
  await db.kysely
    .updateTable("jobs")
    .set({ cancel_requested: 1 })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "=", "running")
    .execute();
  return getJob(db, orgId, id);
}

/** Queues a dead (or cancelled) job again with a fresh set of attempts. */
export async function retryJob(db: Db, orgId: number, id: number, now: Date): Promise<boolean> {
  const r = await db.kysely
    .updateTable("jobs")
    .set({
      status: "queued",
      attempts: 0,
      run_at: now.toISOString(),
      cancel_requested: 0,
      finished_at: null,
      locked_by: null,
      lease_until: null,
    })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "in", ["dead", "cancelled"])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes finished (done or cancelled) jobs older than `before`; dead jobs stay until retried. */
export async function pruneFinishedJobs(db: Db, before: Date): Promise<number> {
  const r = await db.kysely
    .deleteFrom("jobs")
    .where("status", "in", ["done", "cancelled"])
    .where("finished_at", "<", before.toISOString())
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Gives back jobs a stopping worker still holds: queued again at `now`, the attempt they were
 * claimed with not counted, so a graceful shutdown costs a job nothing. Returns their ids.
 */
export async function releaseJobs(
  db: Db,
  ids: readonly number[],
  workerId: string,
  now: Date,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.kysely
    .updateTable("jobs")
    .set((eb) => ({
      status: "queued",
      attempts: sql<number>`case when ${eb.ref("attempts")} > 0 then ${eb.ref("attempts")} - 1 else 0 end`,
      run_at: now.toISOString(),
      locked_by: null,
      lease_until: null,
    }))
    .where("id", "in", [...ids])
    .where("locked_by", "=", workerId)
    .where("status", "=", "running")
    .returning("id")
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Jobs in each status across every org (the queue depth `GET /metrics` reports). */
export async function jobDepthByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const rows = await db.kysely
    .selectFrom("jobs")
    .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  const out: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, dead: 0, cancelled: 0 };
  for (const r of rows) out[r.status as JobStatus] = Number(r.n);
  return out;
}
