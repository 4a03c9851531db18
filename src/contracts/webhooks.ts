import { z } from "zod";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_FORMATS } from "../core/delivery/webhook-events.ts";

/**
 * Webhook endpoints (issue 12) and the versioned payload of every event type, as receivers get
 * it (format `holdfast`; docs/webhooks.md). The event schemas appear in the OpenAPI document
 * through `GET /v1/webhooks/event-types`.
 */

const envelope = <T extends string, D extends z.ZodTypeAny>(type: T, data: D, description: string) =>
  z
    .object({
      id: z.string().describe("stable event id: dedupe on it"),
      type: z.literal(type),
      version: z.literal(1),
      created_at: z.iso.datetime(),
      customer_id: z.string().nullable(),
      data,
    })
    .describe(description);

const scoreData = z.object({
  kind: z.string().describe("score kind, e.g. churn_risk, health, lifecycle_stage"),
  old_score: z.number().nullable(),
  new_score: z.number().nullable(),
  old_level: z.string().nullable(),
  new_level: z.string(),
  crossed: z.string().nullable().describe("the configured threshold crossed, if any"),
  cause: z.string(),
  change_id: z.number().int(),
});
const playData = z.object({
  tactic: z.string(),
  run_id: z.string(),
  step_id: z.string(),
  surface: z.string(),
  action: z.string().nullable(),
  offer_id: z.string().nullable(),
  status: z.string().describe("the effect's outbox status when written: pending, held, delivered"),
});
const taskData = z.object({
  tactic: z.string(),
  owner: z.string().nullable(),
  queue: z.string(),
  reason: z.string(),
  due_on: z.iso.date(),
});
const offerData = z.object({
  tactic: z.string(),
  offer_id: z.string(),
  kind: z.string(),
  surface: z.string(),
  percent: z.number().nullable(),
  months: z.number().nullable(),
  days: z.number().nullable(),
  expires_at: z.string(),
});
const outcomeData = z.object({
  outcome_id: z.union([z.string(), z.number()]),
  outcome: z.string(),
  notes: z.string(),
  author: z.string(),
});

export const WebhookEventBody = z.discriminatedUnion("type", [
  envelope("score.band_changed", scoreData, "A score moved to another level (band)"),
  envelope("score.threshold_crossed", scoreData, "A score crossed a configured threshold"),
  envelope("play.fired", playData, "A play's step fired an effect (one per effect)"),
  envelope("task.created", taskData, "A CSM task was created by a play"),
  envelope("offer.proposed", offerData, "A play proposed an offer"),
  envelope("offer.accepted", offerData, "The customer accepted an offer"),
  envelope("outcome.logged", outcomeData, "An outcome was logged for a customer"),
  envelope("customer.churned", scoreData, "The customer's lifecycle stage became churned"),
  envelope("webhook.test", z.object({ message: z.string(), endpoint_id: z.number().int() }), "The test send"),
]);

export const WebhookEventTypes = z.object({
  types: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  formats: z.array(z.enum(WEBHOOK_FORMATS)),
  signature: z.string(),
  examples: z.array(WebhookEventBody).describe("one example body per event type (format holdfast)"),
});

export const WebhookEndpointView = z.object({
  id: z.number().int(),
  url: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  events: z.array(z.string()),
  description: z.string(),
  enabled: z.boolean(),
  secret_hint: z
    .string()
    .describe("the secret's last four characters; the whole secret is shown only at creation"),
  created_at: z.string(),
  updated_at: z.string(),
});
export const WebhookEndpointCreated = WebhookEndpointView.extend({
  secret: z.string().describe("the signing secret, shown only in this answer"),
});
export const WebhookEndpointList = z.object({ items: z.array(WebhookEndpointView) });

export const AttemptView = z.object({
  attempt: z.number().int(),
  at: z.string(),
  status: z.enum(["started", "ok", "failed"]),
  code: z.string().nullable(),
  error: z.string().nullable(),
  latency_ms: z.number().nullable(),
  endpoint_id: z.number().int().nullable(),
});
export const WebhookEndpointDetail = WebhookEndpointView.extend({
  deliveries: z.array(AttemptView.extend({ outbox_id: z.number().int(), channel: z.string() })),
});

const url = z.string().max(2_000).describe("http:// or https:// URL the events are POSTed to");
export const WebhookCreateBody = z.strictObject({
  url,
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1),
  format: z.enum(WEBHOOK_FORMATS).default("holdfast"),
  description: z.string().max(500).default(""),
  enabled: z.boolean().default(true),
});
export const WebhookPatchBody = z.strictObject({
  url: url.optional(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).optional(),
  format: z.enum(WEBHOOK_FORMATS).optional(),
  description: z.string().max(500).optional(),
  enabled: z.boolean().optional(),
});
export const WebhookIdParams = z.object({ id: z.coerce.number().int().min(1) });
export const WebhookTestResult = z.object({
  outbox_id: z.number().int(),
  event_id: z.string(),
  status: z.string(),
  code: z.string().nullable(),
  error: z.string().nullable(),
});
export const WebhookDeleted = z.object({ deleted: z.number().int() });
export const CrmExportQuery = z.object({ format: z.enum(["hubspot", "salesforce"]) });

export type WebhookEndpointView = z.infer<typeof WebhookEndpointView>;
export type WebhookEndpointListT = z.infer<typeof WebhookEndpointList>;
export type WebhookEndpointCreatedT = z.infer<typeof WebhookEndpointCreated>;
export type WebhookTestResultT = z.infer<typeof WebhookTestResult>;
