import {
  TEST_EVENT_TYPE,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_FORMATS,
  WEBHOOK_PAYLOAD_VERSION,
  type WebhookEvent,
  type WebhookEventType,
} from "../../core/delivery/webhook-events.ts";

const score = {
  kind: "churn_risk",
  old_score: 48,
  new_score: 81,
  old_level: "medium",
  new_level: "critical",
  crossed: "80",
  cause: "refresh",
  change_id: 1042,
};
const offer = {
  tactic: "winback",
  offer_id: "of_c_0042_winback_1",
  kind: "percent_cycles",
  surface: "email",
  percent: 20,
  months: null,
  days: null,
  expires_at: "2026-03-15T00:00:00.000Z",
};
const DATA: Record<WebhookEventType | typeof TEST_EVENT_TYPE, Record<string, unknown>> = {
  "score.band_changed": score,
  "score.threshold_crossed": score,
  "customer.churned": {
    ...score,
    kind: "lifecycle_stage",
    old_level: "at_risk",
    new_level: "churned",
    old_score: null,
    new_score: null,
    crossed: null,
  },
  "play.fired": {
    tactic: "winback",
    run_id: "run_c_0042_winback_1",
    step_id: "email1",
    surface: "email",
    action: "winback.email",
    offer_id: null,
    status: "pending",
  },
  "task.created": {
    tactic: "exec_escalation",
    owner: "dana",
    queue: "owner",
    reason: "Executive escalation: call the sponsor",
    due_on: "2026-03-03",
  },
  "offer.proposed": offer,
  "offer.accepted": offer,
  "outcome.logged": { outcome_id: 17, outcome: "saved", notes: "renewed for a year", author: "key:ops" },
  "webhook.test": { message: "Test event from Holdfast", endpoint_id: 3 },
};

/** What `GET /v1/webhooks/event-types` answers: the catalog and one example body per type. */
export function webhookEventCatalog(now: Date) {
  const at = now.toISOString();
  const types: WebhookEvent["type"][] = [...WEBHOOK_EVENT_TYPES, TEST_EVENT_TYPE];
  const examples: WebhookEvent[] = types.map((type) => ({
    id: `example_${type.replace(".", "_")}`,
    type,
    version: WEBHOOK_PAYLOAD_VERSION,
    created_at: at,
    customer_id: type === TEST_EVENT_TYPE ? null : "c_0042",
    data: DATA[type],
  }));
  return {
    types: [...WEBHOOK_EVENT_TYPES],
    formats: [...WEBHOOK_FORMATS],
    signature:
      'Holdfast-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>; refuse t older than 300 s',
    examples,
  };
}
