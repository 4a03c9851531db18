import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import type { DialectName } from "./dialect.ts";

/**
 * Backup and restore, per store: SQLite through better-sqlite3's online backup API (a
 * consistent copy taken page by page while other connections keep writing), PostgreSQL by
 * running `pg_dump` / `pg_restore` (custom format) when they are on PATH.
 */
export interface StoreFileOps {
  /** Writes a consistent copy of the store to `out`. */
  backup(source: StoreAddress, out: string): Promise<void>;
  /** Replaces the store's content with the backup in `file`. */
  restore(target: StoreAddress, file: string): Promise<void>;
}

/** Where a store lives: the SQLite file, or the PostgreSQL connection URL. */
export interface StoreAddress {
  location: string;
  databaseUrl?: string | undefined;
}

export class BackupError extends Error {}

const sqliteOps: StoreFileOps = {
  async backup(source, out) {
    if (source.location === ":memory:" || !fs.existsSync(source.location)) {
      throw new BackupError(`no SQLite file at ${source.location} to back up`);
    }
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    const db = new SqliteDatabase(source.location, { fileMustExist: true });
    try {
      db.pragma("busy_timeout = 10000");
      await db.backup(out);
    } finally {
      db.close();
    }
  },
  async restore(target, file) {
    const src = openSqliteBackup(file);
    try {
      const dest = new SqliteDatabase(target.location, { fileMustExist: true });
      const destPage = Number(dest.pragma("page_size", { simple: true }));
      dest.close();
      const srcPage = Number(src.pragma("page_size", { simple: true }));
      if (destPage !== srcPage) {
        throw new BackupError(
          `${file} has ${srcPage}-byte pages and ${target.location} ${destPage}-byte pages (WAL mode cannot change it); restore into a new file instead`,
        );
      }
      await src.backup(target.location);
    } finally {
      src.close();
    }
  },
};

/** Opens a backup read-only, checking it is a Holdfast SQLite store. */
function openSqliteBackup(file: string): SqliteDatabase.Database {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const orgs = db.prepare("select name from sqlite_master where type = 'table' and name = 'orgs'").get();
    if (!orgs) {
      db.close();
      throw new BackupError(`${file} is a SQLite file but not a Holdfast store (no orgs table)`);
    }
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`${file} is not a readable SQLite backup (${(e as Error).message})`);
  }
  return db;
}

function onPath(cmd: string): boolean {
  return spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0;
}

function runTool(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", (e) => reject(new BackupError(`${cmd}: ${e.message}`)));
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${cmd} failed (exit ${code}): ${err.trim()}`)),
    );
  });
}

const postgresOps: StoreFileOps = {
  async backup(source, out) {
    const url = requireUrl(source);
    if (!onPath("pg_dump")) {
      throw new BackupError(
        `pg_dump is not on PATH: install the PostgreSQL client tools, or run: pg_dump --format=custom --file ${out} "$DATABASE_URL"`,
      );
    }
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    await runTool("pg_dump", ["--format=custom", "--no-owner", "--file", out, url]);
  },
  async restore(target, file) {
    const url = requireUrl(target);
    if (!onPath("pg_restore")) {
      throw new BackupError(
        `pg_restore is not on PATH: install the PostgreSQL client tools, or run: pg_restore --clean --if-exists --no-owner --single-transaction --dbname "$DATABASE_URL" ${file}`,
      );
    }
    await runTool("pg_restore", [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--single-transaction",
      "--dbname",
      url,
      file,
    ]);
  },
};

function requireUrl(a: StoreAddress): string {
  if (!a.databaseUrl) throw new BackupError("the PostgreSQL store's URL is needed (DATABASE_URL)");
  return a.databaseUrl;
}

export function storeFileOps(dialect: DialectName): StoreFileOps {
  return dialect === "sqlite" ? sqliteOps : postgresOps;
}
