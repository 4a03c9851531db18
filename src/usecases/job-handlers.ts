import { HoldfastError } from "../core/errors.ts";
import type { TicketsConfig } from "../core/tickets/config.ts";
import { appendAudit } from "../store/audit.ts";
import { clearRecomputes, pendingRecomputes } from "../store/recompute-requests.ts";
import { backfillHistory } from "./backfill-history.ts";
import type { UseCaseContext } from "./context.ts";
import { dispatchOutboxJob } from "./delivery/dispatch-job.ts";
import { enqueuePlaysTick } from "./enqueue-plays-tick.ts";
import type { Job, JobKind } from "./jobs.ts";
import { trainModelJob } from "./model/train-model-job.ts";
import { orgConfig } from "./org-config.ts";
import { type RefreshSummary, refreshOrg } from "./refresh-org.ts";
import { runPlaysTick } from "./run-plays-tick.ts";
import { runTicketAnalysis } from "./run-ticket-analysis.ts";
import { playsSimulateJob } from "./simulate-plays-job.ts";

/** What a handler gets: the context, its job, a signal (cancel or lost lease), a progress sink. */
export interface JobRun {
  ctx: UseCaseContext;
  job: Job;
  signal: AbortSignal;
  progress(p: unknown): void;
}

export type JobHandler = (run: JobRun) => Promise<unknown>;
export type JobHandlers = Record<string, JobHandler>;

/** Customers served per refresh of the recompute queue (the rest wait for the next pass). */
const QUEUED_PAGE = 5_000;
const MAX_PING_SLEEP_MS = 600_000;

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};

/** Refreshes the customers waiting in the recompute queue (events, usage drops), oldest first. */
async function refreshQueued({ ctx, job, signal }: JobRun) {
  let served = 0;
  while (!signal.aborted) {
    const pending = await pendingRecomputes(ctx.db, job.orgId, QUEUED_PAGE);
    if (pending.length === 0) break;
    const ids = pending.map((p) => p.customer_id);
    const servedBefore = pending
      .map((p) => p.requested_at)
      .sort()
      .at(-1)!;
    await thenTick(
      ctx,
      job.orgId,
      await refreshOrg(ctx, job.orgId, "events", { customers: ids, actor: `job:${job.id}` }),
    );
    await clearRecomputes(ctx.db, job.orgId, ids, servedBefore);
    served += ids.length;
    if (pending.length < QUEUED_PAGE) break;
  }
  return { customers: served };
}

const refresh: JobHandler = async (run) => {
  const p = obj(run.job.payload);
  if (p.queued === true) return refreshQueued(run);
  const customers = Array.isArray(p.customers) ? p.customers.map(String) : undefined;
  const summary = await refreshOrg(run.ctx, run.job.orgId, (p.cause as "manual" | undefined) ?? "manual", {
    customers,
    actor: typeof p.actor === "string" ? p.actor : `job:${run.job.id}`,
    onProgress: (phase, done, total) => run.progress({ phase, done, total }),
  });
  return thenTick(run.ctx, run.job.orgId, summary);
};

const dailyRefresh: JobHandler = async (run) => {
  const p = obj(run.job.payload);
  const summary = await refreshOrg(run.ctx, run.job.orgId, "daily", {
    asOf: typeof p.day === "string" ? p.day : undefined,
    actor: "scheduler",
    onProgress: (phase, done, total) => run.progress({ phase, done, total }),
  });
  return thenTick(run.ctx, run.job.orgId, summary);
};

/** A daily refresh, or a refresh that recorded score changes, queues the org's plays tick. */
async function thenTick(ctx: UseCaseContext, orgId: number, summary: RefreshSummary) {
  if (summary.cause === "daily" || summary.changes > 0)
    await enqueuePlaysTick(ctx.db, orgId, ctx.now(), ctx.now());
  return summary;
}

/** The org's plays tick (payload `asOf`, ISO time; default now). */
const playsTick: JobHandler = async ({ ctx, job }) => {
  const p = obj(job.payload);
  const asOf = typeof p.asOf === "string" && !Number.isNaN(Date.parse(p.asOf)) ? new Date(p.asOf) : undefined;
  const r = await runPlaysTick(ctx, job.orgId, { asOf, actor: `job:${job.id}` });
  return { tickId: r.tickId, customers: r.customers, changes: r.changes, written: r.written };
};

/** Analyzes the stored tickets not yet analyzed (progress in the job), then refreshes the org. */
const analyzeTickets: JobHandler = async ({ ctx, job, signal, progress }) => {
  const { config } = await orgConfig(ctx, job.orgId);
  const cfg: TicketsConfig = {
    ...config.tickets,
    ...(obj(obj(job.payload).overrides) as Partial<TicketsConfig>),
  };
  progress({ analyzer: cfg.analyzer, done: 0, total: 0 });
  const r = await runTicketAnalysis(ctx, job.orgId, cfg, {
    actor: `job:${job.id}`,
    signal,
    onProgress: (done, total) => progress({ analyzer: cfg.analyzer, done, total }),
  });
  return {
    analyzer: r.analyzer,
    total: r.total,
    analyzed: r.analyzed,
    errors: r.errors,
    timeouts: r.timeouts,
    cancelled: r.cancelled,
  };
};

/**
 * A diagnostic job: waits `sleep_ms` (cancellable), fails if `fail` is set, else records one
 * audit entry naming the job and attempt. `holdfast jobs ping` checks that workers run.
 */
const ping: JobHandler = async ({ ctx, job, signal }) => {
  const p = obj(job.payload);
  const ms = Math.min(MAX_PING_SLEEP_MS, Math.max(0, Number(p.sleep_ms ?? 0) || 0));
  if (ms > 0) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      signal.addEventListener("abort", () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
  if (signal.aborted) throw new HoldfastError("conflict", "ping cancelled");
  if (p.fail === true) throw new Error(`ping ${job.id} asked to fail (attempt ${job.attempts})`);
  await appendAudit(ctx.db, job.orgId, ctx.now(), {
    actor: `worker:${job.lockedBy ?? "?"}`,
    action: "jobs.ping",
    subject: String(job.id),
    detail: { attempt: job.attempts },
  });
  return { pong: true, attempt: job.attempts };
};

/** Replays score history and lifecycle transitions; a retry resumes after the last committed page. */
const backfillHistoryJob: JobHandler = async ({ ctx, job, signal, progress }) => {
  const p = obj(job.payload);
  const prev = obj(job.progress);
  const asOf = typeof p.asOf === "string" ? p.asOf : undefined;
  const resume = typeof prev.after === "string" && (asOf === undefined || prev.asOf === asOf);
  return backfillHistory(ctx, job.orgId, {
    days: typeof p.days === "number" ? p.days : undefined,
    asOf: resume && typeof prev.asOf === "string" ? prev.asOf : asOf,
    after: resume ? (prev.after as string) : null,
    actor: `job:${job.id}`,
    signal,
    onProgress: progress,
  });
};

export function jobHandlers(): Record<JobKind, JobHandler> {
  return {
    refresh,
    daily_refresh: dailyRefresh,
    analyze_tickets: analyzeTickets,
    ping,
    backfill_history: backfillHistoryJob,
    plays_tick: playsTick,
    plays_simulate: playsSimulateJob,
    dispatch_outbox: dispatchOutboxJob,
    train_model: trainModelJob,
  };
}
