import type { WebhookEvent } from "../../core/delivery/webhook-events.ts";
import { listEndpoints, type WebhookEndpoint } from "../../store/delivery/webhook-endpoints.ts";
import type { Db } from "../../store/open-store.ts";
import { insertOutbox, type NewOutboxRow } from "../../store/plays/outbox.ts";

/**
 * Event fan-out: one outbox row per (endpoint, event) for every enabled endpoint subscribed to
 * the event's type, keyed `wh:<endpoint>:<event id>` so writing an event twice (a rerun, a
 * second worker) queues it once. Org-level columns: `customer_id` is the event's customer ("":
 * none, the test send), `tactic` the play's slug when the event comes from a play (else ""),
 * `run_id` the event id and `step_id` the event type (docs/webhooks.md).
 */
export function webhookRows(
  endpoints: readonly WebhookEndpoint[],
  events: readonly WebhookEvent[],
  at: string,
) {
  const rows: NewOutboxRow[] = [];
  for (const ev of events)
    for (const ep of endpoints) {
      if (!ep.enabled || (!ep.events.includes(ev.type) && ev.type !== "webhook.test")) continue;
      rows.push({
        idempotency_key: `wh:${ep.id}:${ev.id}`,
        customer_id: ev.customer_id ?? "",
        tactic: typeof ev.data.tactic === "string" ? ev.data.tactic : "",
        run_id: ev.id,
        step_id: ev.type,
        channel: "webhook",
        payload: JSON.stringify({ endpoint_id: ep.id, event: ev }),
        status: "pending",
        created_at: at,
      });
    }
  return rows;
}

/** Writes events' webhook rows in the caller's transaction; returns how many were new. */
export async function emitWebhookEvents(
  tx: Db,
  orgId: number,
  events: readonly WebhookEvent[],
  now: Date,
  endpoints?: readonly WebhookEndpoint[],
): Promise<number> {
  if (events.length === 0) return 0;
  const eps = endpoints ?? (await listEndpoints(tx, orgId));
  if (eps.length === 0) return 0;
  const rows = webhookRows(eps, events, now.toISOString());
  return rows.length === 0 ? 0 : (await insertOutbox(tx, orgId, rows)).size;
}
