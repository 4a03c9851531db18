import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { migrationProvider } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

export type DialectName = "sqlite" | "postgres";

export interface StoreOptions {
  /** postgres://... selects PostgreSQL; otherwise the embedded SQLite file is used. */
  databaseUrl?: string | undefined;
  sqlitePath?: string | undefined;
}

/** The open database: Kysely for queries, the raw driver for set-based bulk paths. */
export interface Db {
  readonly dialect: DialectName;
  readonly kysely: Kysely<Database>;
  readonly sqlite?: SqliteDatabase.Database;
  readonly pgPool?: pg.Pool;
  /** Human-readable location (file path or host/db), never with a password. */
  readonly location: string;
}

export const DEFAULT_SQLITE_PATH = "./data/holdfast.db";

// PostgreSQL answers bigint (count, sum) and numeric (avg) as strings; our values fit a double.
const PG_TYPES = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

function openSqlite(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("page_size = 16384"); // only takes effect on a new file, before WAL: fuller B-tree pages
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 10000");
  sqlite.pragma("cache_size = -65536"); // 64 MiB page cache
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { dialect: "sqlite", kysely, sqlite, location: path.resolve(file) };
}

function openPostgres(url: string): Db {
  const pgPool = new pg.Pool({ connectionString: url, max: 10, types: PG_TYPES });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pgPool }) });
  const u = new URL(url);
  return { dialect: "postgres", kysely, pgPool, location: `${u.hostname}:${u.port || 5432}${u.pathname}` };
}

/** Opens the store named by the options and brings its schema up to date. */
export async function openDb(opts: StoreOptions): Promise<Db> {
  const db =
    opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)
      ? openPostgres(opts.databaseUrl)
      : openSqlite(opts.sqlitePath ?? DEFAULT_SQLITE_PATH);
  const migrator = new Migrator({
    db: db.kysely,
    provider: migrationProvider({ serial: db.dialect === "sqlite" ? "integer" : "serial" }),
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
