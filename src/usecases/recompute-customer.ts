import { HoldfastError } from "../core/errors.ts";
import { appendAudit } from "../store/audit.ts";
import { existingCustomerIds } from "../store/customer-write.ts";
import type { UseCaseContext } from "./context.ts";
import { scoreViews } from "./customer-scores.ts";
import { refreshOrg } from "./refresh-org.ts";

/**
 * POST /v1/customers/:id/recompute: refreshes one customer now (every score kind, as of the
 * clock's day), audited, and returns its current scores.
 */
export async function recomputeCustomer(
  ctx: UseCaseContext,
  orgId: number,
  customerId: string,
  opts: { actor: string },
) {
  if (!(await existingCustomerIds(ctx.db, orgId, [customerId])).has(customerId)) {
    throw new HoldfastError("not_found", `no customer ${JSON.stringify(customerId)} in this org`);
  }
  const refresh = await refreshOrg(ctx, orgId, "manual", { customers: [customerId], actor: opts.actor });
  await appendAudit(ctx.db, orgId, ctx.now(), {
    actor: opts.actor,
    action: "scores.recompute",
    subject: customerId,
    detail: { as_of: refresh.asOf },
  });
  return {
    customer_id: customerId,
    as_of: refresh.asOf,
    scores: await scoreViews(ctx.db, orgId, customerId),
  };
}
