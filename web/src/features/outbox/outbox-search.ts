/** The Outbox page's search params: its filters and page; a bad value falls back. */
import { z } from "zod/mini";

const text = z.catch(z.optional(z.string()), undefined);

export const outboxSearch = z.object({
  channel: z.catch(
    z.optional(z.enum(["email", "sms", "slack", "webhook", "in_app", "csm_task", "deal", "insight"])),
    undefined,
  ),
  status: z.catch(
    z.optional(z.enum(["pending", "sending", "sent", "dead", "held", "delivered", "cancelled"])),
    undefined,
  ),
  tactic: text,
  customer: text,
  page: z.catch(z.optional(z.number()), undefined),
});
export type OutboxSearch = z.infer<typeof outboxSearch>;
