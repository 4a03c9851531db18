import type { CustomerUpsert } from "../core/customers/schema.ts";
import { appendAudit } from "../store/audit.ts";
import { upsertCustomer as writeCustomer } from "../store/customer-write.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";
import { type RefreshSummary, refreshOrg } from "./refresh-org.ts";

/**
 * Creates or updates a customer and its current subscription (fields left out keep their
 * value), audited in the same transaction; then refreshes that customer's scores.
 */
export async function upsertCustomer(
  ctx: UseCaseContext,
  orgId: number,
  id: string,
  body: CustomerUpsert,
  opts: { actor: string },
): Promise<{ created: boolean; refresh: RefreshSummary }> {
  const { created } = await withTransaction(ctx.db, async (tx) => {
    const r = await writeCustomer(tx, orgId, id, body);
    await appendAudit(tx, orgId, ctx.now(), {
      actor: opts.actor,
      action: r.created ? "customer.create" : "customer.update",
      subject: id,
      detail: { fields: Object.keys(body).sort() },
    });
    return r;
  });
  const refresh = await refreshOrg(ctx, orgId, "import", { customers: [id], actor: opts.actor });
  return { created, refresh };
}
