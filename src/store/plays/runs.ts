import type { BulkTable } from "../dialect/dialect.ts";
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
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => (a.customer_id + a.run_id < b.customer_id + b.run_id ? -1 : 1));
  await db.driver.upsert(
    RUNS,
    orgId,
    sorted.map((r) => [
      r.customer_id,
      r.tactic,
      r.run_id,
      r.run_key,
      r.status,
      r.state,
      r.next_due_at,
      r.exit_cause,
      r.exit_detail,
      r.started_at,
      r.ended_at,
      r.updated_at,
    ]),
  );
}

/** The bulk shape of a run (the dialect's upsert: insert, or update the columns that differ). */
const RUNS: BulkTable = {
  name: "play_runs",
  key: ["customer_id", "tactic", "run_id"],
  columns: [
    "customer_id",
    "tactic",
    "run_id",
    "run_key",
    "status",
    "state",
    "next_due_at",
    "exit_cause",
    "exit_detail",
    "started_at",
    "ended_at",
    "updated_at",
  ],
};

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
export async function convertedCounts(
  db: Db,
  orgId: number,
  /** Only runs that ended at or after this time. */
  since: string | null = null,
): Promise<Map<string, number>> {
  let s = q(db)
    .selectFrom("play_runs")
    .select(["tactic", (eb) => eb.fn.countAll<number>().as("n")])
    .where("org_id", "=", orgId)
    .where("exit_cause", "=", "converted");
  if (since !== null) s = s.where("ended_at", ">=", since);
  const rows = await s.groupBy("tactic").execute();
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

/** The org's last tick before `before`: its as-of time and the plays config hash it ran with. */
export async function lastTickRecord(
  db: Db,
  orgId: number,
  before: string,
): Promise<{ asOf: string; configHash: string | null } | null> {
  const r = await q(db)
    .selectFrom("play_ticks")
    .select(["as_of", "config_hash"])
    .where("org_id", "=", orgId)
    .where("as_of", "<", before)
    .orderBy("as_of", "desc")
    .limit(1)
    .executeTakeFirst();
  return r ? { asOf: r.as_of, configHash: r.config_hash } : null;
}

/** Records a tick once (a rerun at the same as-of keeps the first record). */
export async function recordTick(
  db: Db,
  orgId: number,
  t: { tickId: string; asOf: string; counts: unknown; actor: string; at: string; configHash?: string },
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
      config_hash: t.configHash ?? null,
    })
    .onConflict((oc) => oc.columns(["org_id", "tick_id"]).doNothing())
    .execute();
}
