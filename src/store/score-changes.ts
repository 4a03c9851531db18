import type { ScoreChange } from "../core/scores/changes.ts";
import type { BulkTable, Row } from "./dialect/dialect.ts";
import type { Db } from "./open-store.ts";
import { withTransaction } from "./transaction.ts";

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

/** `score_changes` for the bulk path (rows carry their id, so the key never matches: an append). */
const SCORE_CHANGES: BulkTable = {
  name: "score_changes",
  key: ["id"],
  columns: [
    "id",
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
 * Takes `n` change ids of the org; returns the first. The counter row it updates stays locked
 * (PostgreSQL) until the caller's transaction ends, so ids are given out in commit order and a
 * consumer that read up to id N never sees a smaller id commit later. SQLite serialises writers.
 */
async function takeIds(db: Db, orgId: number, n: number): Promise<number> {
  const r = await db.kysely
    .insertInto("score_change_seq")
    .values({ org_id: orgId, last_id: n })
    .onConflict((oc) =>
      oc.column("org_id").doUpdateSet({ last_id: (eb) => eb("score_change_seq.last_id", "+", n) }),
    )
    .returning("last_id")
    .executeTakeFirstOrThrow();
  return Number(r.last_id) - n + 1;
}

/**
 * Appends score changes with the org's next ids, in the order given. Call it inside the
 * transaction that writes the score rows, as its last write: a change is visible exactly when
 * its score is, and the id counter is held for as short a time as possible.
 */
export async function insertScoreChanges(
  db: Db,
  orgId: number,
  changes: readonly ScoreChange[],
  meta: { cause: string; configVersion: number; at: string },
): Promise<number> {
  if (changes.length === 0) return 0;
  // Ids and rows commit together (the caller's transaction, or one of its own).
  return withTransaction(db, async (tx) => {
    const first = await takeIds(tx, orgId, changes.length);
    function* rows(): Generator<Row> {
      let id = first;
      for (const c of changes) {
        yield [
          id++,
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
    return tx.driver.upsert(SCORE_CHANGES, orgId, rows());
  });
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
export async function advanceCursor(
  db: Db,
  orgId: number,
  consumer: string,
  lastId: number,
): Promise<number> {
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
