import type { PlanUpsert } from "../core/customers/schema.ts";
import { appendAudit } from "../store/audit.ts";
import { upsertPlan as writePlan } from "../store/customer-write.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";

/**
 * Creates or replaces one plan of the catalog (rank, limits, public or unlisted), audited in
 * the same transaction. Scores that read plan ranks and limits pick it up at the next refresh.
 */
export async function upsertPlan(
  ctx: UseCaseContext,
  orgId: number,
  tier: string,
  plan: PlanUpsert,
  opts: { actor: string },
): Promise<{ tier: string }> {
  return withTransaction(ctx.db, async (tx) => {
    await writePlan(tx, orgId, tier, plan);
    await appendAudit(tx, orgId, ctx.now(), {
      actor: opts.actor,
      action: "plan.upsert",
      subject: tier,
      detail: plan,
    });
    return { tier };
  });
}
