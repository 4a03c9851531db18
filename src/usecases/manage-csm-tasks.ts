import { HoldfastError } from "../core/errors.ts";
import { appendAudit } from "../store/audit.ts";
import { getTask, listTasks, updateTask } from "../store/plays/tasks.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";

/** CSM tasks made by plays: listed by due date, marked done or snoozed with a note (audited). */

export const TASK_STATUSES = ["open", "done", "snoozed"] as const;

export async function listCsmTasks(
  ctx: UseCaseContext,
  orgId: number,
  opts: { status?: string | undefined; owner?: string | undefined; limit?: number | undefined } = {},
) {
  return listTasks(ctx.db, orgId, { status: opts.status, owner: opts.owner, limit: opts.limit ?? 100 });
}

export async function updateCsmTask(
  ctx: UseCaseContext,
  orgId: number,
  id: number,
  input: { action: "done" | "snooze"; note?: string | undefined; until?: string | undefined; actor: string },
) {
  if (input.action === "snooze" && !input.until)
    throw new HoldfastError("invalid_input", "until: a snooze needs the day it ends (YYYY-MM-DD)");
  if (input.until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.until))
    throw new HoldfastError("invalid_input", "until: must be a day, YYYY-MM-DD");
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    const t = await getTask(tx, orgId, id);
    if (!t) throw new HoldfastError("not_found", `no task ${id} in this org`);
    if (t.status === "done") throw new HoldfastError("conflict", `task ${id} is already done`);
    await updateTask(tx, orgId, id, {
      status: input.action === "done" ? "done" : "snoozed",
      note: input.note ?? t.note,
      snoozed_until: input.action === "snooze" ? input.until! : null,
      updated_at: now.toISOString(),
    });
    await appendAudit(tx, orgId, now, {
      actor: input.actor,
      action: `plays.task.${input.action}`,
      subject: String(id),
      detail: { note: input.note ?? null, until: input.until ?? null },
    });
    return (await getTask(tx, orgId, id))!;
  });
}
