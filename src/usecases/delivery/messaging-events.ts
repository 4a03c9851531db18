import type { CanonicalEvent } from "../../core/events/schema.ts";
import { appendAudit } from "../../store/audit.ts";
import { customersByEmail, optOutChannel, recipientFacts } from "../../store/messaging/recipient.ts";
import { suppressAddress } from "../../store/messaging/suppressions.ts";
import type { Db } from "../../store/open-store.ts";

/**
 * The side effects of delivery feedback events, in the events' transaction: a hard bounce or a
 * complaint suppresses the address (never sent to again) and opts every customer with that
 * billing address out of email; an SMS STOP opts the customer out of SMS. Soft bounces are only
 * stored (the dispatcher's retries handle a full mailbox). Opt-outs go through the customer's
 * consents, which the contact policy reads.
 */
export async function applyMessagingEvents(
  tx: Db,
  orgId: number,
  fresh: readonly CanonicalEvent[],
  now: Date,
): Promise<void> {
  for (const e of fresh) {
    if (e.type === "email_complained" || (e.type === "email_bounced" && e.properties.kind === "hard")) {
      const reason = e.type === "email_complained" ? "complaint" : "hard_bounce";
      const given = typeof e.properties.address === "string" ? e.properties.address : null;
      const address =
        given ?? (await recipientFacts(tx, orgId, e.customer_id, "churn_risk"))?.billingEmail ?? null;
      if (!address) continue;
      await suppressAddress(tx, orgId, { address, reason, customerId: e.customer_id, at: now.toISOString() });
      const customers = new Set([e.customer_id, ...(await customersByEmail(tx, orgId, address))]);
      for (const c of customers) await optOutChannel(tx, orgId, c, "email");
      await appendAudit(tx, orgId, now, {
        actor: `event:${e.type}`,
        action: "email.suppress",
        subject: e.customer_id,
        detail: { reason, address_domain: address.split("@")[1], event_id: e.id },
      });
    } else if (e.type === "sms_stop") {
      await optOutChannel(tx, orgId, e.customer_id, "sms");
      await appendAudit(tx, orgId, now, {
        actor: "event:sms_stop",
        action: "customer.opt_out",
        subject: e.customer_id,
        detail: { channel: "sms", via: "stop", event_id: e.id },
      });
    }
  }
}
