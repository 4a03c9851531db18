import { dailyRunDue } from "../core/jobs/daily.ts";
import { listOrgs } from "../store/orgs.ts";
import { pendingRecomputes } from "../store/recompute-requests.ts";
import { ticketsToAnalyze } from "../store/tickets.ts";
import type { UseCaseContext } from "./context.ts";
import { scheduleDispatch } from "./delivery/schedule-dispatch.ts";
import { enqueue, enqueueQueuedRefresh, queue } from "./jobs.ts";
import { scheduleModelTraining } from "./model/schedule-model-training.ts";
import { orgConfig } from "./org-config.ts";
import { queueDuePlaysTick } from "./plays-step-timer.ts";
import { createTicketAnalyzer } from "./ticket-analyzer.ts";

/** Finished jobs are kept this long for the jobs page, then deleted (dead ones stay). */
const KEEP_FINISHED_DAYS = 7;

export interface ScheduledWork {
  daily: { orgId: number; day: string; jobId: number }[];
  queuedRefresh: number[];
  ticketAnalysis: number[];
  /** Orgs whose plays step timer came due (a plays tick queued). */
  playsTimers: number[];
}

/**
 * The scheduler's whole job: queue what is due, run nothing. Per org: the daily refresh once
 * the org's local time of day has come (one job per org and local day, by idempotency key, so
 * any number of schedulers in any number of processes queue it once); a refresh of the
 * customers waiting in the recompute queue; analysis of new tickets when a model analyzer is
 * configured (the rules analyzer runs inside every refresh).
 */
export async function scheduleDueWork(
  ctx: UseCaseContext,
  opts: { orgId?: number | undefined } = {},
): Promise<ScheduledWork> {
  const out: ScheduledWork = { daily: [], queuedRefresh: [], ticketAnalysis: [], playsTimers: [] };
  const now = ctx.now();
  const orgs = (await listOrgs(ctx.db)).filter((o) => opts.orgId === undefined || o.id === opts.orgId);
  for (const org of orgs) {
    // One org's failure (a bad stored config, say) never keeps the others from being scheduled.
    try {
      await scheduleOrg(ctx, org.id, now, out);
    } catch (e) {
      ctx.log?.(`scheduling org ${org.slug} failed: ${(e as Error).message}`);
    }
  }
  await queue.prune(ctx, KEEP_FINISHED_DAYS);
  return out;
}

async function scheduleOrg(ctx: UseCaseContext, orgId: number, now: Date, out: ScheduledWork): Promise<void> {
  const { config } = await orgConfig(ctx, orgId);
  const day = dailyRunDue(now, config.scheduler.timeZone, config.scheduler.dailyAt);
  if (day) {
    const job = await enqueue(
      ctx.db,
      orgId,
      { kind: "daily_refresh", payload: { day }, idempotencyKey: `daily:${day}`, priority: 1 },
      now,
    );
    if (job.created) out.daily.push({ orgId: orgId, day, jobId: job.id });
    await scheduleModelTraining(ctx.db, orgId, config, day, now);
  }
  await scheduleDispatch(ctx, orgId, config.delivery, now);
  if ((await pendingRecomputes(ctx.db, orgId, 1)).length > 0) {
    await enqueueQueuedRefresh(ctx.db, orgId, now);
    out.queuedRefresh.push(orgId);
  }
  if (await queueDuePlaysTick(ctx, orgId, now)) out.playsTimers.push(orgId);
  if (config.tickets.analyzer !== "rules") {
    const analyzer = createTicketAnalyzer(config.tickets);
    if ((await ticketsToAnalyze(ctx.db, orgId, analyzer.name, analyzer.version, 1)).length > 0) {
      const { created } = await enqueue(
        ctx.db,
        orgId,
        { kind: "analyze_tickets", idempotencyKey: `analyze:${day ?? now.toISOString().slice(0, 13)}` },
        now,
      );
      if (created) out.ticketAnalysis.push(orgId);
    }
  }
}
