import type { Db } from "../open-store.ts";
import { chunks, type PlayRunTable, q } from "./tables.ts";

/** Runs of tactics per customer (one row per customer, tactic and run id) and the ticks. */

export type RunRow = Omit<PlayRunTable, "org_id">;

/** Every run (open and ended) of the page's customers: limits, caps and cooldowns count them. */
export async function runsOf(db: Db, orgId: number, ids: readonly string[]): Promise<RunRow[]> {
  const out: RunRow[] = [];
  for (const c of chunks(ids)) {
    const rows = await q(db)
      .selectFrom("play_runs")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("customer_id", "in", c)
      .orderBy("started_at")
      .execute();
    for (const { org_id: _, ...r } of rows) out.push(r);
  }
  return out;
}

/**
 * Writes runs: a new run is inserted, a known one takes the new state. Two workers writing the
 * same run at the same tick write the same state (the flow is a pure function of its inputs).
 */
export async function saveRuns(db: Db, orgId: number, rows: readonly RunRow[]): Promise<void> {
  for (const r of [...rows].sort((a, b) => (a.customer_id + a.run_id < b.customer_id + b.run_id ? -1 : 1))) {
    await q(db)
      .insertInto("play_runs")
      .values({ org_id: orgId, ...r })
      .onConflict((oc) =>
        oc.columns(["org_id", "customer_id", "tactic", "run_id"]).doUpdateSet({
          status: r.status,
          state: r.state,
          next_due_at: r.next_due_at,
          exit_cause: r.exit_cause,
          exit_detail: r.exit_detail,
          ended_at: r.ended_at,
          updated_at: r.updated_at,
        }),
      )
      .execute();
  }
}

/** Open runs per tactic (the "in flight" count). */
export async function openRunCounts(db: Db, orgId: number): Promise<Map<string, number>> {
  const rows = await q(db)
    .selectFrom("play_runs")
    .select(["tactic", (eb) => eb.fn.countAll<number>().as("n")])
    .where("org_id", "=", orgId)
    .where("status", "=", "active")
    .groupBy("tactic")
    .execute();
  return new Map(rows.map((r) => [r.tactic, Number(r.n)]));
}

/** Runs per tactic that exited converted. */
export async function convertedCounts(db: Db, orgId: number): Promise<Map<string, number>> {
  const rows = await q(db)
    .selectFrom("play_runs")
    .select(["tactic", (eb) => eb.fn.countAll<number>().as("n")])
    .where("org_id", "=", orgId)
    .where("exit_cause", "=", "converted")
    .groupBy("tactic")
    .execute();
  return new Map(rows.map((r) => [r.tactic, Number(r.n)]));
}

/** The as-of time of the org's last tick before `before` (null: never ticked). */
export async function lastTickBefore(db: Db, orgId: number, before: string): Promise<string | null> {
  const r = await q(db)
    .selectFrom("play_ticks")
    .select((eb) => eb.fn.max("as_of").as("as_of"))
    .where("org_id", "=", orgId)
    .where("as_of", "<", before)
    .executeTakeFirst();
  return r?.as_of ? String(r.as_of) : null;
}

/** Records a tick once (a rerun at the same as-of keeps the first record). */
export async function recordTick(
  db: Db,
  orgId: number,
  t: { tickId: string; asOf: string; counts: unknown; actor: string; at: string },
): Promise<void> {
  await q(db)
    .insertInto("play_ticks")
    .values({
      org_id: orgId,
      tick_id: t.tickId,
      as_of: t.asOf,
      counts: JSON.stringify(t.counts),
      actor: t.actor,
      at: t.at,
    })
    .onConflict((oc) => oc.columns(["org_id", "tick_id"]).doNothing())
    .execute();
}
