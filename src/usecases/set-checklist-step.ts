import { planChecklist } from "../core/brief/checklist.ts";
import type { WhySignal } from "../core/brief/why.ts";
import { HoldfastError } from "../core/errors.ts";
import { appendAudit } from "../store/audit.ts";
import { getCustomer } from "../store/customers.ts";
import { setChecklistStep as writeStep } from "../store/outcomes.ts";
import { withTransaction } from "../store/transaction.ts";
import { briefWhy } from "./brief-why.ts";
import type { UseCaseContext } from "./context.ts";
import { scoreViews } from "./customer-scores.ts";
import { headlineKind } from "./headline.ts";
import { orgConfig } from "./org-config.ts";

/**
 * Ticks or unticks one step of a customer's next-best-action checklist (the steps planned from
 * the reasons of its current score), audited. Throws not_found for an unknown customer or step.
 */
export async function setChecklistStep(
  ctx: UseCaseContext,
  orgId: number,
  s: { customerId: string; stepId: string; done: boolean; actor: string },
) {
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    const c = await getCustomer(tx, orgId, s.customerId);
    if (!c) throw new HoldfastError("not_found", `no customer ${JSON.stringify(s.customerId)} in this org`);
    // The same plan the brief shows: from the headline score's reasons (win-back once churned).
    const cfg = (await orgConfig({ ...ctx, db: tx }, orgId)).config;
    const kind = headlineKind(cfg);
    const head = (await scoreViews(tx, orgId, s.customerId))[kind];
    const why = briefWhy(c, kind, (head?.signals ?? []) as WhySignal[], cfg);
    const plan = planChecklist(why.checklistKinds, (c.computed_at ?? now.toISOString()).slice(0, 10));
    const step = plan.find((x) => x.id === s.stepId);
    if (!step) {
      throw new HoldfastError(
        "not_found",
        `no checklist step ${JSON.stringify(s.stepId)} for this customer`,
        {
          details: [`steps: ${plan.map((x) => x.id).join(", ")}`],
        },
      );
    }
    const saved = await writeStep(tx, orgId, {
      customerId: s.customerId,
      stepId: s.stepId,
      done: s.done,
      by: s.actor,
      at: now,
    });
    await appendAudit(tx, orgId, now, {
      actor: s.actor,
      action: s.done ? "checklist.done" : "checklist.undone",
      subject: `customer:${s.customerId}`,
      detail: { step: s.stepId },
    });
    return { ...step, done: s.done, done_by: saved.done_by, done_at: saved.done_at };
  });
}
