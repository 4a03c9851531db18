import type { DecisionRecord } from "../core/plays/tick.ts";

/** A tick's decisions as the CLI, the API and the store read them, and the per-tactic counts. */

export interface TacticCounts {
  /** Triggers that fired (start candidates). */
  eligible: number;
  /** Runs started. */
  started: number;
  /** Steps sent (effects made). */
  fired: number;
  deferred: number;
  suppressed: Record<string, number>;
  /** Open runs after the tick, among the customers ticked. */
  inFlight: number;
}

export interface DecisionView {
  customer_id: string;
  tactic: string;
  kind: "start" | "step";
  step_id: string | null;
  key: string | null;
  cause: string;
  outcome: "fire" | "defer" | "suppress";
  rule: string | null;
  reason: string;
  next_eligible_at: string | null;
  approval: boolean;
}

export function decisionView(d: DecisionRecord): DecisionView {
  const x = d.decision;
  return {
    customer_id: d.customerId,
    tactic: d.tactic,
    kind: d.kind,
    step_id: d.stepId,
    key: d.key,
    cause: d.cause,
    outcome: x.outcome,
    rule: x.outcome === "fire" ? null : x.rule,
    reason:
      x.outcome === "fire"
        ? `${d.kind === "start" ? "Started" : "Sent"} (${d.cause})${x.approval ? "; waits for approval" : ""}`
        : x.message,
    next_eligible_at: x.outcome === "defer" ? x.until : x.outcome === "suppress" ? x.retryAt : null,
    approval: x.outcome === "fire" && x.approval,
  };
}

export const emptyCounts = (): TacticCounts => ({
  eligible: 0,
  started: 0,
  fired: 0,
  deferred: 0,
  suppressed: {},
  inFlight: 0,
});

export function countsOf(counts: Record<string, TacticCounts>, slug: string): TacticCounts {
  const c = counts[slug] ?? emptyCounts();
  counts[slug] = c;
  return c;
}

export function countDecision(counts: Record<string, TacticCounts>, d: DecisionView) {
  const c = countsOf(counts, d.tactic);
  if (d.kind === "start") c.eligible++;
  if (d.outcome === "fire") {
    if (d.kind === "start") c.started++;
    else c.fired++;
  } else if (d.outcome === "defer") c.deferred++;
  else c.suppressed[d.rule ?? "?"] = (c.suppressed[d.rule ?? "?"] ?? 0) + 1;
}
