import type { Row } from "./bulk-upsert.ts";
import type { Db } from "./open-store.ts";
import { writeBatch } from "./write-batch.ts";

/** One computed score of one kind for one customer (the full score set, SPEC section 4). */
export interface ScoreSetRow {
  customerId: string;
  arr: number;
  kind: string;
  score: number | null;
  level: string;
  /** Contributing signals, strongest first ({name, value, effect, text}). */
  signals: readonly { text: string }[];
  detail?: Record<string, unknown> | undefined;
}

export interface TransitionRow {
  customerId: string;
  day: string;
  from: string | null;
  to: string;
  reason: string;
}

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
const byKey = (a: ScoreSetRow, b: ScoreSetRow): number =>
  cmp(a.kind, b.kind) || cmp(a.customerId, b.customerId);

/**
 * Stores current scores (one row per customer and kind) and the day's history row (recomputing
 * the same day replaces it), plus lifecycle transitions, in one transaction.
 */
export async function saveScoreSets(
  db: Db,
  orgId: number,
  asOf: string,
  configHash: string,
  computedAt: Date,
  rows: readonly ScoreSetRow[],
  transitions: readonly TransitionRow[],
): Promise<void> {
  const at = computedAt.toISOString();
  // In key order (kind, customer): each kind's rows then extend one run of the B-tree.
  const sorted = [...rows].sort(byKey);
  // The top three signals in words, for the current row and the day's history row.
  const tops = sorted.map((r) => JSON.stringify(r.signals.slice(0, 3).map((s) => s.text)));
  function* current(): Generator<Row> {
    for (const [i, r] of sorted.entries()) {
      yield [
        r.kind,
        r.customerId,
        asOf,
        r.score,
        r.level,
        "[]",
        tops[i],
        "[]",
        JSON.stringify({ signals: r.signals, detail: r.detail ?? null }),
        configHash,
        at,
        "",
        r.arr,
      ];
    }
  }
  function* history(): Generator<Row> {
    for (const [i, r] of sorted.entries()) yield [r.kind, r.customerId, asOf, r.score, r.level, tops[i]];
  }
  function* moves(): Generator<Row> {
    for (const t of transitions) yield [t.customerId, t.day, t.from, t.to, t.reason];
  }
  await writeBatch(db, orgId, {
    scores: current(),
    score_history: history(),
    lifecycle_transitions: moves(),
  });
}

/** Current scores of every kind for one customer. */
export async function customerScores(db: Db, orgId: number, customerId: string) {
  return db.kysely
    .selectFrom("scores")
    .select(["kind", "score", "level", "as_of", "computed_at", "signals"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .execute();
}

/** Daily history of one kind for one customer, oldest first, from `fromDay`. */
export async function scoreTrend(db: Db, orgId: number, customerId: string, kind: string, fromDay: string) {
  return db.kysely
    .selectFrom("score_history")
    .select(["day", "score", "level"])
    .where("org_id", "=", orgId)
    .where("kind", "=", kind)
    .where("customer_id", "=", customerId)
    .where("day", ">=", fromDay)
    .orderBy("day")
    .execute();
}

export async function lifecycleHistory(db: Db, orgId: number, customerId: string) {
  return db.kysely
    .selectFrom("lifecycle_transitions")
    .select(["day", "from_stage", "to_stage", "reason"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("day", "desc")
    .limit(100)
    .execute();
}

/** The latest day with any rollup in the org (the default as-of for event data). */
export async function latestMetricDay(db: Db, orgId: number): Promise<string | null> {
  const r = await db.kysely
    .selectFrom("metrics_daily")
    .select((eb) => eb.fn.max("day").as("day"))
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return (r?.day as string | null | undefined) ?? null;
}
