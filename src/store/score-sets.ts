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
  function* current(): Generator<Row> {
    for (const r of rows) {
      const top = r.signals.slice(0, 3).map((s) => s.text);
      yield [
        r.kind,
        r.customerId,
        asOf,
        r.score,
        r.level,
        "[]",
        JSON.stringify(top),
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
    for (const r of rows) {
      yield [
        r.kind,
        r.customerId,
        asOf,
        r.score,
        r.level,
        JSON.stringify(r.signals.slice(0, 3).map((s) => s.text)),
      ];
    }
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
