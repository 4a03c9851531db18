/**
 * Webhook events (docs/webhooks.md): the types an endpoint subscribes to, the versioned
 * envelope every delivery carries, and the events a score change makes. Pure.
 */

export const WEBHOOK_EVENT_TYPES = [
  "score.band_changed",
  "score.threshold_crossed",
  "play.fired",
  "task.created",
  "offer.proposed",
  "offer.accepted",
  "outcome.logged",
  "customer.churned",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The test send's type (POST /v1/webhooks/:id/test); every endpoint receives it. */
export const TEST_EVENT_TYPE = "webhook.test";

export const WEBHOOK_FORMATS = ["holdfast", "hubspot", "salesforce"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const WEBHOOK_PAYLOAD_VERSION = 1;

/** What every delivery's body is (format `holdfast`). */
export interface WebhookEvent {
  /** Stable per event: receivers dedupe on it (and on the Holdfast-Idempotency-Key header). */
  id: string;
  type: WebhookEventType | typeof TEST_EVENT_TYPE;
  version: typeof WEBHOOK_PAYLOAD_VERSION;
  created_at: string;
  /** The customer the event is about; null for org-level events (the test send). */
  customer_id: string | null;
  data: Record<string, unknown>;
}

/** A score change as the webhook consumer reads it. */
export interface ChangeFact {
  id: number;
  customerId: string;
  kind: string;
  oldScore: number | null;
  newScore: number | null;
  oldLevel: string | null;
  newLevel: string;
  crossed: string | null;
  cause: string;
  at: string;
}

/** Levels that mean a customer is now at the top tier of risk (Slack's critical alerts). */
export const CRITICAL_LEVELS = new Set(["critical"]);

/**
 * The events one score change makes: a level change is `score.band_changed`, a crossed
 * threshold `score.threshold_crossed`, and a lifecycle stage becoming `churned` also
 * `customer.churned`.
 */
export function changeEvents(c: ChangeFact): WebhookEvent[] {
  const data = {
    kind: c.kind,
    old_score: c.oldScore,
    new_score: c.newScore,
    old_level: c.oldLevel,
    new_level: c.newLevel,
    crossed: c.crossed,
    cause: c.cause,
    change_id: c.id,
  };
  const ev = (type: WebhookEventType, suffix: string): WebhookEvent => ({
    id: `sc_${c.id}${suffix}`,
    type,
    version: WEBHOOK_PAYLOAD_VERSION,
    created_at: c.at,
    customer_id: c.customerId,
    data,
  });
  const out: WebhookEvent[] = [];
  if (c.oldLevel !== null && c.oldLevel !== c.newLevel) out.push(ev("score.band_changed", ""));
  if (c.crossed) out.push(ev("score.threshold_crossed", "_t"));
  if (c.kind === "lifecycle_stage" && c.newLevel === "churned" && c.oldLevel !== "churned")
    out.push(ev("customer.churned", "_churn"));
  return out;
}

/** True when the change moves a customer into a critical level (a Slack alert). */
export const isCriticalCrossing = (c: ChangeFact): boolean =>
  CRITICAL_LEVELS.has(c.newLevel) && c.oldLevel !== c.newLevel;
