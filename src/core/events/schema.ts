import { z } from "zod";
import { NUMERIC_LIMITS as L } from "../limits.ts";

/**
 * The domain's event vocabulary: the canonical event types of SPEC section 3 and their properties.
 * Unknown extra properties are kept (passthrough) so producers can send more than we read; the
 * named ones are validated. The API's contract (src/contracts/events.ts) re-exports these.
 */
const count = z.number().int().nonnegative().max(L.count);
const money = z.number().min(-L.money).max(L.money);
const text = (max: number) => z.string().max(max);

export const EVENT_PROPERTIES = {
  session_start: z.looseObject({}),
  feature_used: z.looseObject({
    feature: text(200).min(1),
    category: text(100).min(1).optional(),
    count: count.default(1),
    duration_secs: z.number().nonnegative().max(L.durationSecs).default(0),
    errors: count.default(0),
  }),
  api_calls: z.looseObject({ count }),
  page_view: z.looseObject({ page: text(100).min(1) }),
  integration_connected: z.looseObject({ integration: text(200).min(1).default("unnamed") }),
  usage_metered: z.looseObject({
    meter: text(100).min(1),
    value: z.number().nonnegative().max(L.meter),
    limit: z.number().positive().max(L.meter).optional(),
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
  invoice_paid: z.looseObject({ invoice_id: text(200).optional(), amount: money.optional() }),
  invoice_payment_failed: z.looseObject({
    invoice_id: text(200).optional(),
    amount: money.optional(),
    reason: text(200).optional(),
  }),
  subscription_created: z.looseObject({
    plan: text(100).optional(),
    mrr: z.number().nonnegative().max(L.money).optional(),
  }),
  subscription_updated: z.looseObject({
    plan: text(100).optional(),
    mrr: z.number().nonnegative().max(L.money).optional(),
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
  // Delivery feedback (docs/delivery.md): a hard bounce or a complaint suppresses the address and
  // opts the customer out of email; STOP opts them out of SMS. address/phone default to the customer's.
  email_bounced: z.looseObject({ kind: z.enum(["hard", "soft"]), address: z.email().max(320).optional() }),
  email_complained: z.looseObject({ address: z.email().max(320).optional() }),
  sms_stop: z.looseObject({ phone: text(64).optional() }),
} as const;

export type EventType = keyof typeof EVENT_PROPERTIES;
export const EVENT_TYPES = Object.keys(EVENT_PROPERTIES) as [EventType, ...EventType[]];

/** Limits, stated in errors and in the OpenAPI document. */
export const EVENT_LIMITS = {
  maxBatch: 10_000,
  maxBodyBytes: 16 * 1024 * 1024,
  maxIdLength: 200,
  /** Levels of objects or arrays nested inside `properties` (its own level not counted). */
  maxPropertiesDepth: 8,
  /** `properties` serialized as JSON, in UTF-8 bytes. */
  maxPropertiesBytes: 8 * 1024,
} as const;

/** The limits on one event, as the API's description and the rejections state them. */
export const EVENT_LIMITS_TEXT = `id and customer_id: 1 to ${EVENT_LIMITS.maxIdLength} characters, no NUL (\\u0000); properties: at most ${EVENT_LIMITS.maxPropertiesDepth} levels of nested objects or arrays and ${EVENT_LIMITS.maxPropertiesBytes / 1024} KiB serialized as JSON; NUL characters in property strings are removed`;

const NUL = "\u0000";
const utf8 = new TextEncoder();
const noNul = (s: string) => !s.includes(NUL);
const eventId = z
  .string()
  .min(1)
  .max(EVENT_LIMITS.maxIdLength)
  .refine(noNul, { message: "must not contain a NUL character (\\u0000)" });

/**
 * How deep `value` nests objects and arrays, stopping once past `limit` (walked with a stack, so
 * a 5,000-level document costs no recursion). `properties` itself is level 0.
 */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** A copy with NUL removed from every string and key (PostgreSQL text refuses it; SQLite keeps it). */
function withoutNul(value: unknown): unknown {
  if (typeof value === "string") return value.includes(NUL) ? value.replaceAll(NUL, "") : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [withoutNul(k) as string, withoutNul(v)]),
    );
  }
  return value;
}

/** `properties`: an object within the depth and size limits, NUL removed from its strings. */
const eventProperties = z
  .record(z.string(), z.unknown())
  .default({})
  .superRefine((props, ctx) => {
    if (depthExceeds(props, EVENT_LIMITS.maxPropertiesDepth)) {
      ctx.addIssue({
        code: "custom",
        message: `nests objects or arrays deeper than ${EVENT_LIMITS.maxPropertiesDepth} levels (the limit)`,
      });
      return;
    }
    const bytes = utf8.encode(JSON.stringify(props)).length;
    if (bytes > EVENT_LIMITS.maxPropertiesBytes) {
      ctx.addIssue({
        code: "custom",
        message: `is ${bytes.toLocaleString("en-US")} bytes serialized; the limit is ${EVENT_LIMITS.maxPropertiesBytes / 1024} KiB`,
      });
    }
  })
  .transform((props) => withoutNul(props) as Record<string, unknown>);

/** The envelope every event shares; `properties` is checked per type by `parseEvent`. */
export const EventEnvelope = z.strictObject({
  id: eventId,
  customer_id: eventId,
  type: z.enum(EVENT_TYPES),
  timestamp: z.iso.datetime({ offset: true }),
  properties: eventProperties,
});

export interface CanonicalEvent {
  id: string;
  customer_id: string;
  type: EventType;
  /** ISO 8601 as sent. */
  timestamp: string;
  properties: Record<string, unknown>;
}
