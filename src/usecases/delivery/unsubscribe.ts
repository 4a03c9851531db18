import {
  readUnsubscribe,
  type UnsubscribeClaim,
  verifyUnsubscribe,
} from "../../core/delivery/unsubscribe-token.ts";
import { HoldfastError } from "../../core/errors.ts";
import { appendAudit } from "../../store/audit.ts";
import { orgExists } from "../../store/messaging/orgs.ts";
import { optOutChannel } from "../../store/messaging/recipient.ts";
import { withTransaction } from "../../store/transaction.ts";
import type { UseCaseContext } from "../context.ts";
import { unsubscribeKey } from "./message.ts";

/** A token's claim when its signature holds; a tampered or unknown token is invalid_input. */
export async function checkUnsubscribeToken(ctx: UseCaseContext, token: string): Promise<UnsubscribeClaim> {
  const claim = readUnsubscribe(token);
  const bad = () =>
    new HoldfastError("invalid_input", "this unsubscribe link is not valid (altered or incomplete)");
  if (!claim || !(await orgExists(ctx.db, claim.orgId))) throw bad();
  const verified = verifyUnsubscribe(await unsubscribeKey(ctx, claim.orgId), token);
  if (!verified) throw bad();
  return verified;
}

/**
 * Records the opt-out a signed link or a List-Unsubscribe-Post asks for: the customer's consent
 * for the channel becomes false (the contact policy's opt-out: no tactic contacts them on it
 * again), an email address is suppressed too, and the audit log keeps who and how.
 */
export async function unsubscribe(
  ctx: UseCaseContext,
  token: string,
  via: "link" | "one_click",
): Promise<{ channel: "email" | "sms"; changed: boolean }> {
  const claim = await checkUnsubscribeToken(ctx, token);
  return withTransaction(ctx.db, async (tx) => {
    const r = await optOutChannel(tx, claim.orgId, claim.customerId, claim.channel);
    if (!r.found) throw new HoldfastError("not_found", "this customer no longer exists");
    await appendAudit(tx, claim.orgId, ctx.now(), {
      actor: `unsubscribe:${via}`,
      action: "customer.opt_out",
      subject: claim.customerId,
      detail: { channel: claim.channel, via, changed: r.changed },
    });
    return { channel: claim.channel, changed: r.changed };
  });
}
