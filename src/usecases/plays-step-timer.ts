import { earliestDueAt } from "../store/plays/changed-customers.ts";
import type { UseCaseContext } from "./context.ts";
import { enqueue } from "./jobs.ts";

/**
 * The plays step timer (the scheduler calls it; it only enqueues): when the org's earliest due
 * run (a step's wait, a quiet-hours deferral, a retry, a window end: `play_runs.next_due_at`) has
 * come, queue a plays tick. Keyed by the due minute, so any number of schedulers queue it once;
 * the tick runs as of the time it starts (no `asOf`), so it sees everything up to then.
 */
export async function queueDuePlaysTick(ctx: UseCaseContext, orgId: number, now: Date): Promise<boolean> {
  const due = await earliestDueAt(ctx.db, orgId);
  if (due === null || due > now.toISOString()) return false;
  const { created } = await enqueue(
    ctx.db,
    orgId,
    {
      kind: "plays_tick",
      payload: { timer: due },
      idempotencyKey: `plays_timer:${due.slice(0, 16)}`,
      priority: 4,
    },
    now,
  );
  return created;
}
