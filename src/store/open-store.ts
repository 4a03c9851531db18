import type { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import type { Dialect, DialectName } from "./dialect/dialect.ts";
import { openPostgres } from "./dialect/postgres.ts";
import { openSqlite } from "./dialect/sqlite.ts";
import { migrationProvider } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

export type { DialectName } from "./dialect/dialect.ts";

export interface StoreOptions {
  /** postgres://... selects PostgreSQL; otherwise the embedded SQLite file is used. */
  databaseUrl?: string | undefined;
  sqlitePath?: string | undefined;
}

/**
 * The open database, or a transaction on it (see `withTransaction`): Kysely for queries, the
 * dialect's driver for transactions and set-based paths. Every store function takes either.
 */
export interface Db {
  /** The store's name, for display only: feature code asks `driver` for capabilities. */
  readonly dialect: DialectName;
  readonly kysely: Kysely<Database>;
  readonly driver: Dialect;
  /** Human-readable location (file path or host/db), never with a password. */
  readonly location: string;
}

export const DEFAULT_SQLITE_PATH = "./data/holdfast.db";

/** Opens the store named by the options and brings its schema up to date. */
export async function openDb(opts: StoreOptions): Promise<Db> {
  const opened =
    opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)
      ? openPostgres(opts.databaseUrl)
      : openSqlite(opts.sqlitePath ?? DEFAULT_SQLITE_PATH);
  const db: Db = { dialect: opened.driver.name, ...opened };
  const migrator = new Migrator({
    db: db.kysely,
    provider: migrationProvider({ serial: db.driver.serialType }),
    // Migrations are independent of each other; one merged out of name order still runs.
    allowUnorderedMigrations: true,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.kysely.destroy();
    throw error;
  }
  return db;
}

export async function closeDb(db: Db): Promise<void> {
  await db.kysely.destroy(); // closes the SQLite handle or ends the pg pool
}
