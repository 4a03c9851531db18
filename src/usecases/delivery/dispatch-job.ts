import { queueDispatch } from "../../store/delivery/dispatch-jobs.ts";
import type { UseCaseContext } from "../context.ts";
import type { Job } from "../jobs.ts";
import { dispatchOutbox } from "./dispatch-outbox.ts";

/** Batches one job delivers before handing over to a fresh job (keeps jobs short). */
const BATCHES_PER_JOB = 50;

/**
 * The `dispatch_outbox` job: delivers the org's due rows, then queues itself for when the next
 * retry, lease end or rate window is due (nothing queued when nothing waits).
 */
export async function dispatchOutboxJob({
  ctx,
  job,
  signal,
}: {
  ctx: UseCaseContext;
  job: Job;
  signal: AbortSignal;
}) {
  const s = await dispatchOutbox(ctx, job.orgId, {
    workerId: `job:${job.id}:${job.lockedBy ?? "?"}`,
    signal,
    maxBatches: BATCHES_PER_JOB,
  });
  if (s.nextAt !== null) await queueDispatch(ctx.db, job.orgId, new Date(s.nextAt), ctx.now());
  return s;
}
