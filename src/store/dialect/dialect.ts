import type { CompiledQuery, Kysely, RawBuilder, SqlBool } from "kysely";
import type { Database } from "../schema.ts";

/**
 * What differs between the two stores, behind one narrow interface (as Kysely separates its own
 * dialects). Feature code writes portable Kysely queries and calls these primitives for the
 * set-based paths; it never asks which store it runs on. Only src/store/dialect/ knows the
 * drivers (better-sqlite3, pg).
 */

export type DialectName = "sqlite" | "postgres";

/** A row in a table's column order, without org_id (the writer puts the org first itself). */
export type Row = readonly unknown[];

/**
 * A table a bulk upsert writes. `columns` and `key` leave out org_id: the writer puts the org
 * first in every row itself, so no caller can write into another org.
 */
export interface BulkTable {
  name: string;
  columns: readonly string[];
  key: readonly string[];
}

/** Portable column types (days and JSON are text, booleans 0/1 integers). */
export type ColumnType = "text" | "integer" | "real";

/** A table the row primitives write: columns after org_id in row order, with their types. */
export interface RowTable {
  name: string;
  columns: readonly { name: string; type: ColumnType }[];
  /** Key columns after org_id (the conflict target). */
  key: readonly string[];
}

/** How a stored value and an incoming one combine when the key exists. */
export type MergeMode = "sum" | "max" | "replace";

/** A row table whose non-key columns merge into what is stored. */
export interface MergeTable extends RowTable {
  merge: Readonly<Record<string, MergeMode>>;
}

/** The open store's connection, transaction and set-based primitives for one dialect. */
export interface Dialect {
  readonly name: DialectName;
  /**
   * Claims use `for update skip locked` (PostgreSQL). False on SQLite, where the immediate
   * transaction already serialises writers.
   */
  readonly skipLocked: boolean;
  /** `select ... for update` locks rows (PostgreSQL); SQLite has no row locks and no such clause. */
  readonly rowLocks: boolean;
  /** True for the driver handed to a transaction's callback. */
  readonly inTransaction: boolean;
  /** Column type of an auto-assigned integer key, for migrations. */
  readonly serialType: "integer" | "serial";

  /**
   * Runs `fn` in one transaction with a Kysely instance and a driver bound to it; in a
   * transaction already, runs `fn` in it. SQLite: `begin immediate` under Kysely's connection
   * lock. PostgreSQL: one pooled client for the whole transaction.
   */
  transaction<T>(fn: (scope: { kysely: Kysely<Database>; driver: Dialect }) => Promise<T>): Promise<T>;

  /** Rows as arrays in the select's column order, skipping per-row objects (hot scans). */
  rawRows(q: CompiledQuery): Promise<unknown[][]>;

  /** `column in (values)` for a list of any length, as one parameter. */
  inTextList(column: string, values: readonly string[]): RawBuilder<SqlBool>;

  /**
   * Insert, or update only the columns that differ, so re-writing identical data changes
   * nothing. Returns how many rows were new or changed. Runs in a transaction (its own if the
   * caller is not in one). SQLite: one prepared statement; PostgreSQL: COPY into a staging table.
   */
  upsert(table: BulkTable, orgId: number, rows: Iterable<Row>): Promise<number>;

  /**
   * Inserts rows, ignoring those whose key is stored already (or repeated earlier in `rows`).
   * Returns, per row, whether it was new. Values are text, numbers or null.
   */
  insertNew(table: RowTable, orgId: number, rows: readonly Row[]): Promise<boolean[]>;

  /**
   * Inserts rows, or merges each non-key column into the stored row by its mode. Keys must be
   * distinct within `rows`.
   */
  merge(table: MergeTable, orgId: number, rows: readonly Row[]): Promise<void>;
}

/** What a dialect's open function gives the store. */
export interface OpenedStore {
  kysely: Kysely<Database>;
  driver: Dialect;
  /** Human-readable location (file path or host/db), never with a password. */
  location: string;
}
