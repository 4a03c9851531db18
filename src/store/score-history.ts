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

/** A stored history cell: score (null = unscored), level, top reasons JSON. */
export interface HistoryCell {
  score: number | null;
  level: string;
  reasons: string;
}

/**
 * The stored history rows of the customers from `firstId` to `lastId` (a contiguous page) from
 * day `from` to `to`, for a replay that writes only the rows that differ: by `kind\0customer`,
 * then by day. Reads along the key (kind, customer, day).
 */
export async function storedHistory(
  db: Db,
  orgId: number,
  kinds: readonly string[],
  ids: { first: string; last: string },
  from: string,
  to: string,
): Promise<Map<string, Map<string, HistoryCell>>> {
  const out = new Map<string, Map<string, HistoryCell>>();
  const rows = await db.kysely
    .selectFrom("score_history")
    .select(["kind", "customer_id", "day", "score", "level", "reasons"])
    .where("org_id", "=", orgId)
    .where("kind", "in", kinds)
    .where("customer_id", ">=", ids.first)
    .where("customer_id", "<=", ids.last)
    .where("day", ">=", from)
    .where("day", "<=", to)
    .execute();
  let key = "";
  let days: Map<string, HistoryCell> | undefined;
  for (const r of rows) {
    const k = historyKey(r.kind, r.customer_id);
    if (k !== key || !days) {
      key = k;
      days = out.get(k);
      if (!days) {
        days = new Map();
        out.set(k, days);
      }
    }
    days.set(r.day, { score: r.score === null ? null : Number(r.score), level: r.level, reasons: r.reasons });
  }
  return out;
}

export const historyKey = (kind: string, customerId: string): string => `${kind}\u0000${customerId}`;

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
