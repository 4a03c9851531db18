import { WEBHOOK_PAYLOAD_VERSION, type WebhookEvent } from "../../core/delivery/webhook-events.ts";
import { queueDispatch } from "../../store/delivery/dispatch-jobs.ts";
import type { Db } from "../../store/open-store.ts";
import { insertOutbox, type NewOutboxRow } from "../../store/plays/outbox.ts";
import type { UseCaseContext } from "../context.ts";
import { orgConfig } from "../org-config.ts";
import type { PageWrites } from "../play-writes.ts";
import { DISPATCHED_CHANNELS } from "./deliverers.ts";
import { slackAlertOn, slackAlertRow } from "./slack-alerts.ts";
import { emitWebhookEvents } from "./webhook-fanout.ts";

const DISPATCHED = new Set<string>(DISPATCHED_CHANNELS);

/**
 * What a plays tick's page means for delivery, written in the page's transaction: webhook
 * events (play.fired per effect, task.created, offer.proposed, offer.accepted), Slack alerts
 * for new CSM tasks and approvals waiting, and a `dispatch_outbox` job when anything waits to
 * be delivered. Every row is keyed by the effect it comes from, so a rerun writes nothing new.
 * Returns `result` unchanged (it wraps the page writer's answer).
 */
export async function emitPlayDelivery<T>(
  ctx: UseCaseContext,
  tx: Db,
  orgId: number,
  w: PageWrites,
  result: T,
): Promise<T> {
  const now = ctx.now();
  const at = now.toISOString();
  const ev = (
    id: string,
    type: WebhookEvent["type"],
    customerId: string,
    data: Record<string, unknown>,
  ): WebhookEvent => ({
    id,
    type,
    version: WEBHOOK_PAYLOAD_VERSION,
    created_at: at,
    customer_id: customerId,
    data,
  });
  const events: WebhookEvent[] = [];
  for (const o of w.outbox) {
    const p = JSON.parse(o.payload) as { action?: string; offer_id?: string | null };
    events.push(
      ev(`fx_${o.idempotency_key}`, "play.fired", o.customer_id, {
        tactic: o.tactic,
        run_id: o.run_id,
        step_id: o.step_id,
        surface: o.channel,
        action: p.action ?? null,
        offer_id: p.offer_id ?? null,
        status: o.status,
      }),
    );
  }
  for (const [key, t] of w.tasks)
    if (!w.approvals.has(key))
      events.push(
        ev(`task_${key}`, "task.created", t.customer_id, {
          tactic: t.tactic,
          owner: t.owner,
          queue: t.queue,
          reason: t.reason,
          due_on: t.due_on,
        }),
      );
  for (const o of w.offers) {
    const data = {
      tactic: o.tactic,
      offer_id: o.id,
      kind: o.kind,
      surface: o.surface,
      percent: o.percent,
      months: o.months,
      days: o.days,
      expires_at: o.expiresAt,
    };
    if (o.status === "proposed")
      events.push(ev(`offer_${o.id}_proposed`, "offer.proposed", o.customerId, data));
    if (o.status === "accepted")
      events.push(ev(`offer_${o.id}_accepted`, "offer.accepted", o.customerId, data));
  }
  const fanned = await emitWebhookEvents(tx, orgId, events, now);

  const alerts: NewOutboxRow[] = [];
  // Read through the page's transaction (SQLite has one connection, held by it).
  const delivery = (await orgConfig({ ...ctx, db: tx }, orgId)).config.delivery;
  if (slackAlertOn(delivery, "csm_task"))
    for (const [key, t] of w.tasks)
      if (!w.approvals.has(key))
        alerts.push(slackAlertRow("csm_task", key, t.customer_id, t.tactic, t.reason, at));
  if (slackAlertOn(delivery, "approval"))
    for (const [key, a] of w.approvals)
      alerts.push(slackAlertRow("approval", key, a.customer_id, a.tactic, `${a.what}. ${a.why}.`, at));
  const slack = alerts.length > 0 ? (await insertOutbox(tx, orgId, alerts)).size : 0;

  if (fanned + slack > 0 || w.outbox.some((o) => o.status === "pending" && DISPATCHED.has(o.channel)))
    await queueDispatch(tx, orgId, now, now);
  return result;
}
