import type { ScoreChange } from "../core/scores/changes.ts";
import type { BulkTable, Row } from "./dialect/dialect.ts";
import type { Db } from "./open-store.ts";

/** A stored score change, as consumers read it. */
export interface StoredScoreChange {
  id: number;
  customerId: string;
  kind: string;
  oldScore: number | null;
  newScore: number | null;
  oldLevel: string | null;
  newLevel: string;
  crossed: string | null;
  cause: string;
  configVersion: number;
  at: string;
}

/**
 * The bulk path's view of `score_changes`: `id` is assigned by the store, so the conflict target
 * (org_id, id) never matches and every row is appended (SQLite: one prepared statement; PostgreSQL:
 * COPY then one insert).
 */
const SCORE_CHANGES: BulkTable = {
  name: "score_changes",
  key: ["id"],
  columns: [
    "customer_id",
    "kind",
    "old_score",
    "new_score",
    "old_level",
    "new_level",
    "crossed",
    "cause",
    "config_version",
    "at",
  ],
};

/**
 * Appends score changes (ids increase in insertion order). Call it inside the transaction that
 * writes the score rows, so a change is visible exactly when its score is.
 */
export async function insertScoreChanges(
  db: Db,
  orgId: number,
  changes: readonly ScoreChange[],
  meta: { cause: string; configVersion: number; at: string },
): Promise<number> {
  if (changes.length === 0) return 0;
  function* rows(): Generator<Row> {
    for (const c of changes) {
      yield [
        c.customerId,
        c.kind,
        c.oldScore,
        c.newScore,
        c.oldLevel,
        c.newLevel,
        c.crossed,
        meta.cause,
        meta.configVersion,
        meta.at,
      ];
    }
  }
  return db.driver.upsert(SCORE_CHANGES, orgId, rows());
}

/** The org's changes after `afterId` (0: from the start), oldest first, at most `limit`. */
export async function readScoreChanges(
  db: Db,
  orgId: number,
  afterId: number,
  limit: number,
): Promise<StoredScoreChange[]> {
  const rows = await db.kysely
    .selectFrom("score_changes")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    customerId: r.customer_id,
    kind: r.kind,
    oldScore: r.old_score === null ? null : Number(r.old_score),
    newScore: r.new_score === null ? null : Number(r.new_score),
    oldLevel: r.old_level,
    newLevel: r.new_level,
    crossed: r.crossed,
    cause: r.cause,
    configVersion: Number(r.config_version),
    at: r.at,
  }));
}

/** Where a consumer left off in the org's changes (0: it has read nothing). */
export async function readCursor(db: Db, orgId: number, consumer: string): Promise<number> {
  const r = await db.kysely
    .selectFrom("change_cursors")
    .select("last_id")
    .where("org_id", "=", orgId)
    .where("consumer", "=", consumer)
    .executeTakeFirst();
  return r ? Number(r.last_id) : 0;
}

/**
 * Records that a consumer has handled the org's changes up to `lastId`. A cursor only moves
 * forward: a late or repeated call with an older id leaves it where it is. Returns where it is.
 */
export async function advanceCursor(db: Db, orgId: number, consumer: string, lastId: number): Promise<number> {
  await db.kysely
    .insertInto("change_cursors")
    .values({ org_id: orgId, consumer, last_id: lastId })
    .onConflict((oc) =>
      oc
        .columns(["org_id", "consumer"])
        .doUpdateSet({ last_id: (eb) => eb.ref("excluded.last_id") })
        .where("change_cursors.last_id", "<", lastId),
    )
    .execute();
  return readCursor(db, orgId, consumer);
}
