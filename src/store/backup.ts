import { BackupError, storeFileOps } from "./dialect/backup.ts";
import { copySqliteToPostgres, type TableCopy, targetRowCounts } from "./dialect/copy-store.ts";
import type { Db } from "./open-store.ts";

export { BackupError } from "./dialect/backup.ts";
export type { TableCopy } from "./dialect/copy-store.ts";

/** Writes a consistent copy of the open store to `out` (the PostgreSQL URL is needed for pg_dump). */
export function backupDb(db: Db, out: string, databaseUrl?: string): Promise<void> {
  return storeFileOps(db.driver.name).backup({ location: db.location, databaseUrl }, out);
}

/** Replaces the open store's content with a backup. */
export function restoreDb(db: Db, file: string, databaseUrl?: string): Promise<void> {
  return storeFileOps(db.driver.name).restore({ location: db.location, databaseUrl }, file);
}

/** How many orgs the store holds (every other row belongs to one): zero means empty. */
export async function orgCount(db: Db): Promise<number> {
  const r = await db.kysely
    .selectFrom("orgs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Tables of `target` that already hold rows (of those `source` has). */
export async function nonEmptyTables(source: Db, target: Db): Promise<string[]> {
  const counts = await targetRowCounts(source, target);
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([t]) => t);
}

/** Copies an SQLite store into a PostgreSQL one (see `copySqliteToPostgres`). */
export function copyStore(
  source: Db,
  target: Db,
  opts: { replace: boolean; progress?: ((c: TableCopy) => void) | undefined },
): Promise<TableCopy[]> {
  return copySqliteToPostgres(source, target, opts);
}

export const isBackupError = (e: unknown): e is BackupError => e instanceof BackupError;
