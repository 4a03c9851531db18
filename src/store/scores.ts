import type { Row } from "./bulk-upsert.ts";
import type { Db } from "./open-store.ts";
import { writeBatch } from "./write-batch.ts";

/** A computed score ready to store (JSON fields already serialised by the caller's shape). */
export interface ScoreRecord {
  customerId: string;
  arr: number;
  score: number;
  level: string;
  reasons: readonly { kind: string }[];
  topReasons: readonly string[];
  actions: readonly string[];
  signals: unknown;
}

/**
 * Stores the current score of each customer for one kind, and the day's history row
 * (one per customer, kind and day: recomputing the same day replaces it).
 */
export async function saveScores(
  db: Db,
  orgId: number,
  kind: string,
  asOf: string,
  configHash: string,
  computedAt: Date,
  records: readonly ScoreRecord[],
): Promise<Record<string, number>> {
  const at = computedAt.toISOString();
  function* current(): Generator<Row> {
    for (const r of records) {
      yield [
        kind,
        r.customerId,
        asOf,
        r.score,
        r.level,
        JSON.stringify(r.reasons),
        JSON.stringify(r.topReasons),
        JSON.stringify(r.actions),
        JSON.stringify(r.signals),
        configHash,
        at,
        r.reasons.length === 0 ? "" : `,${[...new Set(r.reasons.map((x) => x.kind))].join(",")},`,
        r.arr,
      ];
    }
  }
  function* history(): Generator<Row> {
    for (const r of records) yield [kind, r.customerId, asOf, r.score, r.level, JSON.stringify(r.topReasons)];
  }
  return writeBatch(db, orgId, { scores: current(), score_history: history() });
}

export async function countScores(db: Db, orgId: number, kind: string): Promise<number> {
  const r = await db.kysely
    .selectFrom("scores")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
