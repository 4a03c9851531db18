import type { Db } from "../open-store.ts";
import { chunks, type PlayDecisionTable, q } from "./tables.ts";

/** Every fire, defer and suppress the contact policy made, with its rule and reason in words. */

export type NewDecision = Omit<PlayDecisionTable, "org_id" | "id">;

/** Inserts decisions; one per tick and candidate (a rerun of the tick adds none). */
export async function insertDecisions(db: Db, orgId: number, rows: readonly NewDecision[]): Promise<number> {
  let n = 0;
  for (const c of chunks(rows, 200)) {
    const res = await q(db)
      .insertInto("play_decisions")
      .values(c.map((r) => ({ org_id: orgId, ...r })))
      .onConflict((oc) => oc.columns(["org_id", "decision_key"]).doNothing())
      .executeTakeFirst();
    n += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

export interface DecisionFilter {
  customer?: string | undefined;
  tactic?: string | undefined;
  since?: string | undefined;
  /** Keyset: decisions with a smaller id (newest first). */
  before?: number | undefined;
  limit: number;
}

export async function listDecisions(db: Db, orgId: number, f: DecisionFilter) {
  let s = q(db).selectFrom("play_decisions").selectAll().where("org_id", "=", orgId);
  if (f.customer) s = s.where("customer_id", "=", f.customer);
  if (f.tactic) s = s.where("tactic", "=", f.tactic);
  if (f.since) s = s.where("as_of", ">=", f.since);
  if (f.before !== undefined) s = s.where("id", "<", f.before);
  const rows = await s.orderBy("id", "desc").limit(f.limit).execute();
  return rows.map(({ org_id: _, ...r }) => ({ ...r, id: Number(r.id), approval: Number(r.approval) === 1 }));
}

/** Decisions per tactic, outcome and rule (the tactics page's live counts). */
export async function decisionCounts(db: Db, orgId: number) {
  const rows = await q(db)
    .selectFrom("play_decisions")
    .select(["tactic", "kind", "outcome", "rule", (eb) => eb.fn.countAll<number>().as("n")])
    .where("org_id", "=", orgId)
    .groupBy(["tactic", "kind", "outcome", "rule"])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
