import type { Row } from "./bulk-upsert.ts";
import type { Db } from "./open-store.ts";
import { type BulkTableName, TABLES } from "./tables.ts";
import { withTransaction } from "./transaction.ts";

/** Rows for some of the tables, each in TABLES[...].columns order, ideally sorted by key. */
export type WriteBatch = Partial<Record<BulkTableName, Iterable<Row>>>;

/**
 * Upserts rows into several tables in one transaction (the caller's, or its own); returns rows
 * new or changed per table.
 */
export async function writeBatch(
  db: Db,
  orgId: number,
  batch: WriteBatch,
  onTable?: (table: BulkTableName) => void,
): Promise<Record<string, number>> {
  return withTransaction(db, async (tx) => {
    const written: Record<string, number> = {};
    for (const [name, rows] of Object.entries(batch) as [BulkTableName, Iterable<Row>][]) {
      onTable?.(name);
      written[name] = await tx.driver.upsert(TABLES[name], orgId, rows);
    }
    return written;
  });
}
