import { z } from "zod";

/**
 * The domain's event vocabulary: the canonical event types of SPEC section 3 and their properties.
 * Unknown extra properties are kept (passthrough) so producers can send more than we read; the
 * named ones are validated. The API's contract (src/contracts/events.ts) re-exports these.
 */
const count = z.number().int().nonnegative();
const text = (max: number) => z.string().max(max);

export const EVENT_PROPERTIES = {
  session_start: z.looseObject({}),
  feature_used: z.looseObject({
    feature: text(200).min(1),
    category: text(100).min(1).optional(),
    count: count.default(1),
    duration_secs: z.number().nonnegative().default(0),
    errors: count.default(0),
  }),
  api_calls: z.looseObject({ count }),
  page_view: z.looseObject({ page: text(100).min(1) }),
  integration_connected: z.looseObject({ integration: text(200).min(1).default("unnamed") }),
  usage_metered: z.looseObject({
    meter: text(100).min(1),
    value: z.number().nonnegative(),
    limit: z.number().positive().optional(),
  }),
  ticket_opened: z.looseObject({
    ticket_id: text(200).min(1).optional(),
    subject: text(1_000).optional(),
    body: text(20_000).optional(),
    text: text(20_000).optional(),
    priority: text(50).optional(),
    satisfaction: z.number().min(1).max(5).optional(),
    escalated: z.boolean().optional(),
  }),
  ticket_updated: z.looseObject({
    ticket_id: text(200).min(1),
    status: text(50).optional(),
    satisfaction: z.number().min(1).max(5).optional(),
    escalated: z.boolean().optional(),
  }),
  nps_response: z.looseObject({
    score: z.number().int().min(0).max(10),
    respondent: text(320).optional(),
    comment: text(5_000).optional(),
  }),
  invoice_paid: z.looseObject({ invoice_id: text(200).optional(), amount: z.number().optional() }),
  invoice_payment_failed: z.looseObject({
    invoice_id: text(200).optional(),
    amount: z.number().optional(),
    reason: text(200).optional(),
  }),
  subscription_created: z.looseObject({
    plan: text(100).optional(),
    mrr: z.number().nonnegative().optional(),
  }),
  subscription_updated: z.looseObject({
    plan: text(100).optional(),
    mrr: z.number().nonnegative().optional(),
  }),
  subscription_canceled: z.looseObject({ reason: text(200).optional(), feedback: text(5_000).optional() }),
  subscription_paused: z.looseObject({ resume_on: z.iso.date().optional() }),
  subscription_resumed: z.looseObject({}),
  trial_started: z.looseObject({ trial_end: z.iso.date().optional() }),
  trial_ended: z.looseObject({ converted: z.boolean().optional() }),
  plan_changed: z.looseObject({ from: text(100).min(1), to: text(100).min(1) }),
  offer_seen: z.looseObject({ offer_id: text(200).min(1) }),
  offer_dismissed: z.looseObject({ offer_id: text(200).min(1) }),
  offer_accepted: z.looseObject({ offer_id: text(200).min(1) }),
} as const;

export type EventType = keyof typeof EVENT_PROPERTIES;
export const EVENT_TYPES = Object.keys(EVENT_PROPERTIES) as [EventType, ...EventType[]];

/** Limits, stated in errors and in the OpenAPI document. */
export const EVENT_LIMITS = {
  maxBatch: 10_000,
  maxBodyBytes: 16 * 1024 * 1024,
  maxIdLength: 200,
} as const;

/** The envelope every event shares; `properties` is checked per type by `parseEvent`. */
export const EventEnvelope = z.strictObject({
  id: z.string().min(1).max(EVENT_LIMITS.maxIdLength),
  customer_id: z.string().min(1).max(EVENT_LIMITS.maxIdLength),
  type: z.enum(EVENT_TYPES),
  timestamp: z.iso.datetime({ offset: true }),
  properties: z.record(z.string(), z.unknown()).default({}),
});

export interface CanonicalEvent {
  id: string;
  customer_id: string;
  type: EventType;
  /** ISO 8601 as sent. */
  timestamp: string;
  properties: Record<string, unknown>;
}
