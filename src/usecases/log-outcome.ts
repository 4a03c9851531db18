import { HoldfastError } from "../core/errors.ts";
import { appendAudit } from "../store/audit.ts";
import { existingCustomerIds } from "../store/customer-write.ts";
import { addOutcome } from "../store/outcomes.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";
import { emitOutcomeLogged } from "./delivery/emit-event.ts";

/** Logs what came of working a customer (a call, a meeting, a save, a loss), audited. */
export async function logOutcome(
  ctx: UseCaseContext,
  orgId: number,
  o: { customerId: string; outcome: string; notes: string; actor: string },
) {
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    if (!(await existingCustomerIds(tx, orgId, [o.customerId])).has(o.customerId)) {
      throw new HoldfastError("not_found", `no customer ${JSON.stringify(o.customerId)} in this org`);
    }
    const row = await addOutcome(tx, orgId, {
      customerId: o.customerId,
      outcome: o.outcome,
      notes: o.notes,
      author: o.actor,
      at: now,
    });
    await appendAudit(tx, orgId, now, {
      actor: o.actor,
      action: "outcome.logged",
      subject: `customer:${o.customerId}`,
      detail: { outcome: o.outcome, notes: o.notes, outcome_id: row.id },
    });
    await emitOutcomeLogged(tx, orgId, { ...o, id: row.id }, now);
    return row;
  });
}
