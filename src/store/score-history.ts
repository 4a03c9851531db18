import type { Row } from "./bulk-upsert.ts";
import type { Db } from "./open-store.ts";
import { withTransaction } from "./transaction.ts";
import { writeBatch } from "./write-batch.ts";

// Writes of a history replay (the backfill): score_history and lifecycle_transitions only, never
// the current scores or score changes. Upserts that change only what differs: a rerun writes
// nothing new.

/** One page's replayed rows, each in table column order and key order. */
export interface HistoryWrite {
  /** [kind, customer_id, day, score, level, top reasons JSON] */
  history: Iterable<Row>;
  /** [customer_id, day, from_stage, to_stage, reason] */
  transitions: Iterable<Row>;
}

/** Stores one page of a replay in one transaction; returns rows new or changed per table. */
export async function saveHistoryPage(
  db: Db,
  orgId: number,
  w: HistoryWrite,
): Promise<{ history: number; transitions: number }> {
  return withTransaction(db, async (tx) => {
    const written = await writeBatch(tx, orgId, {
      score_history: w.history,
      lifecycle_transitions: w.transitions,
    });
    return { history: written.score_history ?? 0, transitions: written.lifecycle_transitions ?? 0 };
  });
}

/** The day the org was last scored as of (its current scores' as-of), null before any scoring. */
export async function latestScoredDay(db: Db, orgId: number): Promise<string | null> {
  const r = await db.kysely
    .selectFrom("scores")
    .select((eb) => eb.fn.max("as_of").as("day"))
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return (r?.day as string | null | undefined) ?? null;
}

/** The first and last day of the org's daily data (event rollups and imported usage), null without any. */
export async function dataSpan(db: Db, orgId: number): Promise<{ first: string; last: string } | null> {
  let first: string | null = null;
  let last: string | null = null;
  for (const table of ["metrics_daily", "usage_daily"] as const) {
    const r = await db.kysely
      .selectFrom(table)
      .select((eb) => [eb.fn.min("day").as("first"), eb.fn.max("day").as("last")])
      .where("org_id", "=", orgId)
      .executeTakeFirst();
    const f = (r?.first as string | null | undefined) ?? null;
    const l = (r?.last as string | null | undefined) ?? null;
    if (f !== null && (first === null || f < first)) first = f;
    if (l !== null && (last === null || l > last)) last = l;
  }
  return first === null || last === null ? null : { first, last };
}

/** How many history rows one customer has for one kind (for checks and the CLI summary). */
export async function countHistory(db: Db, orgId: number, customerId: string, kind: string): Promise<number> {
  const r = await db.kysely
    .selectFrom("score_history")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** How many customers the org has (the total of a replay's progress). */
export async function countCustomers(db: Db, orgId: number): Promise<number> {
  const r = await db.kysely
    .selectFrom("customers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
