import { deliverSlack } from "./deliver-slack.ts";
import { deliverWebhook } from "./deliver-webhook.ts";
import type { Deliverer } from "./deliverer.ts";
import { deliverEmail } from "./email.ts";
import { deliverSms } from "./sms.ts";

/**
 * The channel adapters the dispatcher delivers through, by outbox channel. A channel missing
 * here is not deliverable by the dispatcher (in_app rows are served by the experiences API).
 */
export const DELIVERERS: Partial<Record<string, Deliverer>> = {
  webhook: deliverWebhook,
  slack: deliverSlack,
  email: deliverEmail,
  sms: deliverSms,
};

/** Channels the dispatcher claims. */
export const DISPATCHED_CHANNELS = ["email", "sms", "slack", "webhook"] as const;
