import { HoldfastError } from "../core/errors.ts";
import { appendAudit } from "../store/audit.ts";
import {
  cancelJob as cancelStoredJob,
  claimJobs,
  enqueueJob,
  enqueueUnlessQueued,
  finishJob,
  getJob as getStoredJob,
  hasUnfinishedJobs,
  heartbeatJob,
  type Job,
  type JobStatus,
  jobCounts,
  jobDepthByStatus,
  listJobs,
  type NewJob,
  pruneFinishedJobs,
  releaseJobs,
  retryJob as retryStoredJob,
} from "../store/jobs.ts";
import type { Db } from "../store/open-store.ts";
import type { UseCaseContext } from "./context.ts";

export type { Job, JobStatus, NewJob } from "../store/jobs.ts";

/** The job kinds the worker knows; each maps to a handler in job-handlers.ts. */
export const JOB_KINDS = [
  "refresh",
  "daily_refresh",
  "analyze_tickets",
  "ping",
  "backfill_history",
  "plays_tick",
  "plays_simulate",
  "dispatch_outbox",
  "train_model",
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * Jobs that write an org's scores run one at a time per org: two refreshes at once would read
 * the same previous rows and record a change twice (or miss one). A plays tick is one of them:
 * it reads the change cursor and the runs, so two ticks of one org at different minutes would
 * start a run twice from the same score change (under two run ids).
 */
export const SCORING_KINDS: readonly JobKind[] = [
  "refresh",
  "daily_refresh",
  "analyze_tickets",
  "plays_tick",
  "plays_simulate",
];

/**
 * Queues work for the worker. `db` may be a transaction, so the job commits (or not) with the
 * write that asked for it.
 */
export function enqueue(db: Db, orgId: number, job: NewJob & { kind: JobKind }, now: Date) {
  return enqueueJob(db, orgId, job, now);
}

/**
 * Asks for a refresh of the customers waiting in the recompute queue (events, usage drops):
 * one queued refresh job per org absorbs any number of requests made before it starts.
 */
export function enqueueQueuedRefresh(db: Db, orgId: number, now: Date): Promise<number> {
  return enqueueUnlessQueued(db, orgId, { kind: "refresh", payload: { queued: true }, priority: 5 }, now);
}

/** The jobs overview of `GET /v1/jobs` and `holdfast jobs`. */
export async function jobsOverview(
  ctx: UseCaseContext,
  orgId: number,
  opts: { status?: JobStatus | undefined; limit?: number | undefined } = {},
) {
  const counts = await jobCounts(ctx.db, orgId);
  const jobs = await listJobs(ctx.db, orgId, { status: opts.status, limit: opts.limit ?? 50 });
  const dead = opts.status ? [] : await listJobs(ctx.db, orgId, { status: "dead", limit: 50 });
  return { counts, jobs, dead };
}

export async function getJob(ctx: UseCaseContext, orgId: number, id: number): Promise<Job> {
  const job = await getStoredJob(ctx.db, orgId, id);
  if (!job) throw new HoldfastError("not_found", `no job ${id} in this org`);
  return job;
}

/** Queues a dead or cancelled job again (audited). */
export async function retryJob(ctx: UseCaseContext, orgId: number, id: number, actor: string): Promise<Job> {
  const job = await getJob(ctx, orgId, id);
  if (!(await retryStoredJob(ctx.db, orgId, id, ctx.now()))) {
    throw new HoldfastError(
      "conflict",
      `job ${id} is ${job.status}; only a dead or cancelled job can be retried`,
    );
  }
  await appendAudit(ctx.db, orgId, ctx.now(), {
    actor,
    action: "jobs.retry",
    subject: String(id),
    detail: { kind: job.kind, last_error: job.lastError },
  });
  return getJob(ctx, orgId, id);
}

/** Cancels a job from any process: a queued one at once, a running one at its next heartbeat. */
export async function cancelJob(ctx: UseCaseContext, orgId: number, id: number): Promise<Job> {
  const job = await cancelStoredJob(ctx.db, orgId, id, ctx.now());
  if (!job) throw new HoldfastError("not_found", `no job ${id} in this org`);
  return job;
}

/** What the worker runtime needs from the queue (it imports use cases only, never the store). */
export const queue = {
  claim: (ctx: UseCaseContext, workerId: string, limit: number, leaseMs: number, orgId?: number) =>
    claimJobs(ctx.db, { workerId, limit, now: ctx.now(), leaseMs, orgId, exclusiveKinds: SCORING_KINDS }),
  heartbeat: (ctx: UseCaseContext, id: number, workerId: string, leaseMs: number, progress?: unknown) =>
    heartbeatJob(ctx.db, id, workerId, new Date(ctx.now().getTime() + leaseMs), progress),
  finish: (ctx: UseCaseContext, id: number, workerId: string, end: Parameters<typeof finishJob>[3]) =>
    finishJob(ctx.db, id, workerId, end, ctx.now()),
  unfinished: (ctx: UseCaseContext, orgId?: number) => hasUnfinishedJobs(ctx.db, orgId),
  /** A stopping worker gives its unfinished jobs back: queued now, their attempt not counted. */
  release: (ctx: UseCaseContext, ids: readonly number[], workerId: string) =>
    releaseJobs(ctx.db, ids, workerId, ctx.now()),
  prune: (ctx: UseCaseContext, olderThanDays: number) =>
    pruneFinishedJobs(ctx.db, new Date(ctx.now().getTime() - olderThanDays * 86_400_000)),
};

/** Jobs in each status across every org: the queue depth the metrics endpoint reports. */
export function jobQueueDepth(ctx: UseCaseContext): Promise<Record<JobStatus, number>> {
  return jobDepthByStatus(ctx.db);
}
