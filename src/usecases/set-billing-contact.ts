import { HoldfastError } from "../core/errors.ts";
import { appendAudit } from "../store/audit.ts";
import { setBillingContact as writeBillingContact } from "../store/customer-write.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";

/**
 * Sets a customer's billing contact: the only way it is ever set (never inferred from other
 * data), audited with the email's domain. Throws not_found for a customer the org does not have.
 */
export async function setBillingContact(
  ctx: UseCaseContext,
  orgId: number,
  customerId: string,
  contact: { email: string; name?: string | undefined },
  opts: { actor: string },
): Promise<{ customer_id: string; email: string }> {
  return withTransaction(ctx.db, async (tx) => {
    if (!(await writeBillingContact(tx, orgId, customerId, contact))) {
      throw new HoldfastError("not_found", `no customer ${JSON.stringify(customerId)} in this org`);
    }
    await appendAudit(tx, orgId, ctx.now(), {
      actor: opts.actor,
      action: "customer.billing_contact",
      subject: customerId,
      detail: { email_domain: contact.email.split("@")[1] },
    });
    return { customer_id: customerId, email: contact.email };
  });
}
