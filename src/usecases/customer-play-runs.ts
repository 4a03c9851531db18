import { HoldfastError } from "../core/errors.ts";
import { TACTICS } from "../core/plays/catalog/index.ts";
import type { FlowState } from "../core/plays/flow.ts";
import { customerPage } from "../store/plays/context-facts.ts";
import { runsOf } from "../store/plays/runs.ts";
import type { UseCaseContext } from "./context.ts";

/**
 * One customer's play runs, newest first: the tactic, its state (active or exited with the
 * cause), the steps sent and skipped so far and the step it sends next.
 */
export async function customerPlayRuns(ctx: UseCaseContext, orgId: number, customerId: string) {
  const [c] = await customerPage(ctx.db, orgId, null, 1, [customerId]);
  if (!c) throw new HoldfastError("not_found", `no customer ${customerId} in this org`);
  const runs = await runsOf(ctx.db, orgId, [customerId]);
  return runs
    .map((r) => {
      const t = TACTICS.get(r.tactic);
      const state = JSON.parse(r.state) as Partial<FlowState>;
      const active = r.status === "active";
      const next = active && t && typeof state.next === "number" ? (t.steps[state.next]?.id ?? null) : null;
      return {
        tactic: r.tactic,
        tactic_name: t?.name ?? r.tactic,
        run_id: r.run_id,
        run_key: r.run_key,
        status: active ? ("active" as const) : ("exited" as const),
        started_at: r.started_at,
        ended_at: r.ended_at,
        exit_cause: r.exit_cause,
        exit_detail: r.exit_detail,
        next_due_at: r.next_due_at,
        next_step: next,
        steps_sent: [...(state.sent ?? [])],
        steps_skipped: [...(state.skipped ?? [])],
      };
    })
    .sort((a, b) => (a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : 0));
}
