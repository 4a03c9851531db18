import { HoldfastError } from "../core/errors.ts";
import { DEAL_STAGES, dealMoveRefusal, isDealStage } from "../core/plays/deals.ts";
import { appendAudit } from "../store/audit.ts";
import { getDeal, updateDeal } from "../store/plays/deals.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";

/** Moves a deal to a stage, or changes its estimate or owner, with a note (audited). */
export async function moveDeal(
  ctx: UseCaseContext,
  orgId: number,
  id: number,
  input: {
    stage?: string | undefined;
    estimatedAmount?: number | undefined;
    owner?: string | null | undefined;
    note?: string | undefined;
    actor: string;
  },
) {
  if (input.stage === undefined && input.estimatedAmount === undefined && input.owner === undefined)
    throw new HoldfastError(
      "invalid_input",
      "nothing to change: give a stage, an estimated amount or an owner",
    );
  if (input.stage !== undefined && !isDealStage(input.stage))
    throw new HoldfastError("invalid_input", `stage: ${input.stage} is not one of ${DEAL_STAGES.join(", ")}`);
  if (
    input.estimatedAmount !== undefined &&
    !(Number.isFinite(input.estimatedAmount) && input.estimatedAmount >= 0)
  )
    throw new HoldfastError("invalid_input", "estimated_amount: must be a number of dollars, 0 or more");
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    const d = await getDeal(tx, orgId, id);
    if (!d) throw new HoldfastError("not_found", `no deal ${id} in this org`);
    if (input.stage !== undefined) {
      const refusal = dealMoveRefusal(d.stage, input.stage as (typeof DEAL_STAGES)[number]);
      if (refusal) throw new HoldfastError("conflict", `deal ${id}: ${refusal}`);
    }
    await updateDeal(tx, orgId, id, {
      ...(input.stage !== undefined ? { stage: input.stage } : {}),
      ...(input.estimatedAmount !== undefined ? { estimated_amount: input.estimatedAmount } : {}),
      ...(input.owner !== undefined ? { owner: input.owner } : {}),
      updated_at: now.toISOString(),
    });
    await appendAudit(tx, orgId, now, {
      actor: input.actor,
      action: "plays.deal.update",
      subject: String(id),
      detail: {
        from: d.stage,
        stage: input.stage ?? null,
        estimated_amount: input.estimatedAmount ?? null,
        owner: input.owner ?? null,
        note: input.note ?? null,
      },
    });
    return (await getDeal(tx, orgId, id))!;
  });
}
