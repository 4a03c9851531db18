import type { CompiledQuery } from "kysely";
import type { Db } from "./open-store.ts";

/**
 * Runs a compiled query and returns rows as arrays (column order of the select), skipping the
 * per-row objects the query builder makes. For hot scans over every customer of an org.
 */
export function rawRows(db: Db, q: CompiledQuery): Promise<unknown[][]> {
  return db.driver.rawRows(q);
}
