import { z } from "zod";
import { AttemptView } from "./webhooks.ts";

/** The outbox (issue 12): every effect and its delivery, for the Outbox page and `GET /v1/outbox`. */

export const OUTBOX_STATUS_VALUES = [
  "pending",
  "sending",
  "sent",
  "dead",
  "held",
  "delivered",
  "cancelled",
] as const;
export const OUTBOX_CHANNEL_VALUES = [
  "email",
  "sms",
  "slack",
  "webhook",
  "in_app",
  "csm_task",
  "deal",
  "insight",
] as const;

export const OutboxQuery = z.object({
  channel: z.enum(OUTBOX_CHANNEL_VALUES).optional(),
  status: z.enum(OUTBOX_STATUS_VALUES).optional(),
  tactic: z.string().min(1).max(200).optional(),
  customer: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const OutboxEntry = z.object({
  id: z.number().int(),
  idempotency_key: z.string().describe("sent to receivers as Holdfast-Idempotency-Key"),
  customer_id: z.string().describe('"" for org-level rows (the webhook test send)'),
  tactic: z.string(),
  run_id: z.string(),
  step_id: z.string(),
  channel: z.string(),
  status: z.string().describe(`one of ${OUTBOX_STATUS_VALUES.join(", ")}`),
  payload: z.unknown(),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_code: z.string().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
  updated_at: z.string().nullable(),
});
export const OutboxList = z.object({
  items: z.array(OutboxEntry),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export const OutboxDetail = OutboxEntry.extend({ attempt_log: z.array(AttemptView) });
export const OutboxIdParams = z.object({ id: z.coerce.number().int().min(1) });
export const OutboxRetryResult = z.object({ retried: z.array(z.number().int()) });

export type OutboxEntry = z.infer<typeof OutboxEntry>;
export type OutboxList = z.infer<typeof OutboxList>;
export type OutboxDetail = z.infer<typeof OutboxDetail>;
export type OutboxQuery = z.input<typeof OutboxQuery>;
