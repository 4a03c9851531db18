import type { DeliveryConfig } from "../../core/delivery/config.ts";
import { lastChangeId, queueDispatch } from "../../store/delivery/dispatch-jobs.ts";
import { nextDueAt } from "../../store/delivery/outbox-delivery.ts";
import { listEndpoints } from "../../store/delivery/webhook-endpoints.ts";
import { readCursor } from "../../store/score-changes.ts";
import type { UseCaseContext } from "../context.ts";
import { DISPATCHED_CHANNELS } from "./deliverers.ts";
import { WEBHOOKS_CONSUMER } from "./score-change-fanout.ts";
import { slackAlertOn } from "./slack-alerts.ts";

/**
 * The scheduler's part of delivery: queue a `dispatch_outbox` job when a row is due (a retry
 * whose time came, a lease that ran out, a row nobody queued a job for) or when score changes
 * wait for the webhooks consumer and someone listens. Returns whether it queued.
 */
export async function scheduleDispatch(
  ctx: UseCaseContext,
  orgId: number,
  d: DeliveryConfig,
  now: Date,
): Promise<boolean> {
  const due = await nextDueAt(ctx.db, orgId, DISPATCHED_CHANNELS);
  let want = due !== null && (due === "" || due <= now.toISOString());
  if (
    !want &&
    (slackAlertOn(d, "critical_tier") || (await listEndpoints(ctx.db, orgId)).some((e) => e.enabled))
  )
    want = (await lastChangeId(ctx.db, orgId)) > (await readCursor(ctx.db, orgId, WEBHOOKS_CONSUMER));
  if (want) await queueDispatch(ctx.db, orgId, now, now);
  return want;
}
