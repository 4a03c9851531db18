import type { BulkTable, Row } from "./dialect/dialect.ts";
import type { Db } from "./open-store.ts";
import { withTransaction } from "./transaction.ts";

export type { BulkTable, Row } from "./dialect/dialect.ts";

/**
 * Writes rows with "insert, or update only what differs" semantics, so re-importing identical
 * data changes nothing. Returns how many rows were new or changed.
 */
export interface BulkWriter {
  upsert(table: BulkTable, orgId: number, rows: Iterable<Row>): Promise<number>;
}

/**
 * Upserts rows into one table (in the caller's transaction, or its own). SQLite: one prepared
 * statement, rows ideally sorted by key; PostgreSQL: COPY into a staging table, then one
 * `insert ... select ... on conflict`.
 */
export function bulkUpsert(db: Db, table: BulkTable, orgId: number, rows: Iterable<Row>): Promise<number> {
  return db.driver.upsert(table, orgId, rows);
}

/** Runs `fn` in one transaction with a bulk writer (kept for callers; prefer `withTransaction`). */
export function withBulkTransaction<T>(db: Db, fn: (w: BulkWriter) => Promise<T>): Promise<T> {
  return withTransaction(db, (tx) => fn({ upsert: (t, orgId, rows) => tx.driver.upsert(t, orgId, rows) }));
}
