import type { RowTable } from "../dialect/dialect.ts";
import type { Db } from "../open-store.ts";
import { type PlayDecisionTable, q } from "./tables.ts";

/** Every fire, defer and suppress the contact policy made, with its rule and reason in words. */

export type NewDecision = Omit<PlayDecisionTable, "org_id" | "id">;

const text = (name: string) => ({ name, type: "text" }) as const;
/** The bulk row shape of a decision (the dialect's insert-new path: one prepared statement, or unnest). */
const DECISIONS: RowTable = {
  name: "play_decisions",
  key: ["decision_key"],
  columns: [
    text("decision_key"),
    text("tick_id"),
    text("customer_id"),
    text("tactic"),
    text("kind"),
    text("step_id"),
    text("run_key"),
    text("cause"),
    text("outcome"),
    text("rule"),
    text("reason"),
    text("next_eligible_at"),
    { name: "approval", type: "integer" },
    text("as_of"),
  ],
};

/** Inserts decisions; one per tick and candidate (a rerun of the tick adds none). */
export async function insertDecisions(db: Db, orgId: number, rows: readonly NewDecision[]): Promise<number> {
  if (rows.length === 0) return 0;
  const fresh = await db.driver.insertNew(
    DECISIONS,
    orgId,
    rows.map((r) => [
      r.decision_key,
      r.tick_id,
      r.customer_id,
      r.tactic,
      r.kind,
      r.step_id,
      r.run_key,
      r.cause,
      r.outcome,
      r.rule,
      r.reason,
      r.next_eligible_at,
      r.approval,
      r.as_of,
    ]),
  );
  return fresh.filter(Boolean).length;
}

export interface DecisionFilter {
  customer?: string | undefined;
  tactic?: string | undefined;
  outcome?: string | undefined;
  since?: string | undefined;
  /** Keyset: decisions with a smaller id (newest first). */
  before?: number | undefined;
  limit: number;
}

export async function listDecisions(db: Db, orgId: number, f: DecisionFilter) {
  let s = q(db).selectFrom("play_decisions").selectAll().where("org_id", "=", orgId);
  if (f.customer) s = s.where("customer_id", "=", f.customer);
  if (f.tactic) s = s.where("tactic", "=", f.tactic);
  if (f.outcome) s = s.where("outcome", "=", f.outcome);
  if (f.since) s = s.where("as_of", ">=", f.since);
  if (f.before !== undefined) s = s.where("id", "<", f.before);
  const rows = await s.orderBy("id", "desc").limit(f.limit).execute();
  return rows.map(({ org_id: _, ...r }) => ({ ...r, id: Number(r.id), approval: Number(r.approval) === 1 }));
}

/** Decisions per tactic, outcome and rule (the tactics page's live counts). */
export async function decisionCounts(
  db: Db,
  orgId: number,
  /** Only decisions of ticks as of this time or later. */
  since: string | null = null,
) {
  let s = q(db)
    .selectFrom("play_decisions")
    .select(["tactic", "kind", "outcome", "rule", (eb) => eb.fn.countAll<number>().as("n")])
    .where("org_id", "=", orgId);
  if (since !== null) s = s.where("as_of", ">=", since);
  const rows = await s.groupBy(["tactic", "kind", "outcome", "rule"]).execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
