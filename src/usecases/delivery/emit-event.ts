import { WEBHOOK_PAYLOAD_VERSION, type WebhookEventType } from "../../core/delivery/webhook-events.ts";
import type { Offer } from "../../core/plays/offers-ledger.ts";
import { queueDispatch } from "../../store/delivery/dispatch-jobs.ts";
import type { Db } from "../../store/open-store.ts";
import { emitWebhookEvents } from "./webhook-fanout.ts";

/**
 * Emits one webhook event from the transaction that made it happen (an outcome logged, an
 * offer accepted): one outbox row per subscribed endpoint, and a dispatch queued when any was
 * written. Costs one indexed read when the org has no endpoints. `id` must be stable for the
 * fact (a rerun writes nothing new).
 */
export async function emitEvent(
  tx: Db,
  orgId: number,
  e: { id: string; type: WebhookEventType; customerId: string | null; data: Record<string, unknown> },
  now: Date,
): Promise<number> {
  const n = await emitWebhookEvents(
    tx,
    orgId,
    [
      {
        id: e.id,
        type: e.type,
        version: WEBHOOK_PAYLOAD_VERSION,
        created_at: now.toISOString(),
        customer_id: e.customerId,
        data: e.data,
      },
    ],
    now,
  );
  if (n > 0) await queueDispatch(tx, orgId, now, now);
  return n;
}

/** `outcome.logged` for an outcome row just written. */
export const emitOutcomeLogged = (
  tx: Db,
  orgId: number,
  o: { id: number | string; customerId: string; outcome: string; notes: string; actor: string },
  now: Date,
) =>
  emitEvent(
    tx,
    orgId,
    {
      id: `outcome_${o.id}`,
      type: "outcome.logged",
      customerId: o.customerId,
      data: { outcome_id: o.id, outcome: o.outcome, notes: o.notes, author: o.actor },
    },
    now,
  );

/** `offer.accepted` for an offer the ledger just recorded accepted (same id as the tick's). */
export const emitOfferAccepted = (tx: Db, orgId: number, o: Offer, now: Date) =>
  emitEvent(
    tx,
    orgId,
    {
      id: `offer_${o.id}_accepted`,
      type: "offer.accepted",
      customerId: o.customerId,
      data: {
        tactic: o.tactic,
        offer_id: o.id,
        kind: o.kind,
        surface: o.surface,
        percent: o.percent,
        months: o.months,
        days: o.days,
        expires_at: o.expiresAt,
      },
    },
    now,
  );
