import { HoldfastError } from "../core/errors.ts";
import { TACTICS } from "../core/plays/catalog/index.ts";
import { addDaysTo } from "../core/plays/time.ts";
import { appendAudit } from "../store/audit.ts";
import { queueDispatch } from "../store/delivery/dispatch-jobs.ts";
import { decideApproval, getApproval, listApprovals } from "../store/plays/approvals.ts";
import { customerPage } from "../store/plays/context-facts.ts";
import { customerLabels } from "../store/plays/customer-labels.ts";
import { insertDeal } from "../store/plays/deals.ts";
import { outboxByKey, setOutboxStatus } from "../store/plays/outbox.ts";
import { insertTask } from "../store/plays/tasks.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";

/**
 * The approvals queue: communications and escalations to accounts above the ARR threshold wait
 * here. Approving releases the held outbox row (and makes its CSM task or deal); rejecting
 * cancels it. Both need a reason and are audited; only a pending approval can be decided.
 */

export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "expired"] as const;

export async function listPlayApprovals(
  ctx: UseCaseContext,
  orgId: number,
  opts: { status?: string | undefined; limit?: number | undefined } = {},
) {
  const items = await listApprovals(ctx.db, orgId, { status: opts.status, limit: opts.limit ?? 100 });
  const labels = await customerLabels(
    ctx.db,
    orgId,
    items.map((a) => a.customer_id),
  );
  return items.map((a) => ({
    ...a,
    account_name: labels.get(a.customer_id)?.name ?? null,
    arr: labels.get(a.customer_id)?.arr ?? null,
  }));
}

export async function decidePlayApproval(
  ctx: UseCaseContext,
  orgId: number,
  id: number,
  input: { decision: "approve" | "reject"; reason: string; actor: string },
) {
  const reason = input.reason.trim();
  if (!reason) throw new HoldfastError("invalid_input", "reason: a reason is required to approve or reject");
  const now = ctx.now();
  const at = now.toISOString();
  return withTransaction(ctx.db, async (tx) => {
    const a = await getApproval(tx, orgId, id);
    if (!a) throw new HoldfastError("not_found", `no approval ${id} in this org`);
    if (a.status === "pending" && a.expires_at <= at) {
      throw new HoldfastError("conflict", `approval ${id} expired at ${a.expires_at}`);
    }
    const status = input.decision === "approve" ? "approved" : "rejected";
    const ok = await decideApproval(tx, orgId, id, {
      status,
      decided_by: input.actor,
      reason,
      decided_at: at,
    });
    if (!ok)
      throw new HoldfastError("conflict", `approval ${id} is ${a.status}; only a pending one can be decided`);
    const row = await outboxByKey(tx, orgId, a.idempotency_key);
    if (row && input.decision === "reject")
      await setOutboxStatus(tx, orgId, row.idempotency_key, "held", "cancelled");
    if (row && input.decision === "approve") {
      const stored = row.channel === "csm_task" || row.channel === "deal";
      await setOutboxStatus(tx, orgId, row.idempotency_key, "held", stored ? "delivered" : "pending");
      // A message released by the approval goes out now, not at the scheduler's next look.
      if (!stored && row.channel !== "in_app") await queueDispatch(tx, orgId, now, now);
      const [c] = await customerPage(tx, orgId, null, 1, [row.customer_id]);
      const t = TACTICS.get(row.tactic);
      const action = String((JSON.parse(row.payload) as { action?: string }).action ?? row.step_id);
      const why = `${t?.name ?? row.tactic}: ${action.replace(/[._]/g, " ")} (approved by ${input.actor})`;
      if (row.channel === "csm_task")
        await insertTask(tx, orgId, {
          idempotency_key: row.idempotency_key,
          customer_id: row.customer_id,
          tactic: row.tactic,
          owner: c?.owner ?? null,
          queue: c?.owner ? "owner" : "csm",
          reason: why,
          due_on: addDaysTo(now, 2).toISOString().slice(0, 10),
          status: "open",
          note: null,
          snoozed_until: null,
          created_at: at,
          updated_at: at,
        });
      if (row.channel === "deal")
        await insertDeal(tx, orgId, {
          idempotency_key: row.idempotency_key,
          customer_id: row.customer_id,
          tactic: row.tactic,
          stage: "identified",
          estimated_amount: Math.round((c?.arr ?? 0) * 0.2),
          owner: c?.owner ?? null,
          reason: why,
          created_at: at,
          updated_at: at,
        });
    }
    await appendAudit(tx, orgId, now, {
      actor: input.actor,
      action: `plays.approval.${input.decision}`,
      subject: String(id),
      detail: { reason, key: a.idempotency_key, tactic: a.tactic, customer: a.customer_id },
    });
    return (await getApproval(tx, orgId, id))!;
  });
}
