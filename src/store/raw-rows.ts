import type { CompiledQuery } from "kysely";
import type { Db } from "./open-store.ts";

/**
 * Runs a compiled query and returns rows as arrays (column order of the select), skipping the
 * per-row objects the query builder makes. For hot scans over every customer of an org.
 */
export async function rawRows(db: Db, q: CompiledQuery): Promise<unknown[][]> {
  if (db.dialect === "sqlite") {
    return db
      .sqlite!.prepare(q.sql)
      .raw(true)
      .all(...(q.parameters as unknown[])) as unknown[][];
  }
  const res = await db.pgPool!.query({ text: q.sql, values: q.parameters as unknown[], rowMode: "array" });
  return res.rows as unknown[][];
}
