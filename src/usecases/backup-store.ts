import fs from "node:fs";
import { HoldfastError } from "../core/errors.ts";
import {
  backupDb,
  copyStore,
  isBackupError,
  nonEmptyTables,
  orgCount,
  restoreDb,
  type TableCopy,
} from "../store/backup.ts";
import { closeDb, openDb } from "../store/open-store.ts";
import type { UseCaseContext } from "./context.ts";

export type { TableCopy } from "../store/backup.ts";

const asHoldfast = (e: unknown): unknown =>
  isBackupError(e) ? new HoldfastError("invalid_input", e.message) : e;

/**
 * Writes a consistent copy of the store to `out` while the service may be running: SQLite by
 * its online backup API, PostgreSQL by `pg_dump` (custom format; `databaseUrl` needed).
 */
export async function backupStore(
  ctx: UseCaseContext,
  input: { out: string; databaseUrl?: string | undefined },
): Promise<{ bytes: number; seconds: number; dialect: string }> {
  const started = performance.now();
  try {
    await backupDb(ctx.db, input.out, input.databaseUrl);
  } catch (e) {
    throw asHoldfast(e);
  }
  return {
    bytes: fs.statSync(input.out).size,
    seconds: (performance.now() - started) / 1000,
    dialect: ctx.db.dialect,
  };
}

/**
 * Replaces the store with a backup made by `backupStore`. Refuses a store that holds an org
 * unless `force`. Migrations newer than the backup run the next time the store opens.
 */
export async function restoreStore(
  ctx: UseCaseContext,
  input: { file: string; force: boolean; databaseUrl?: string | undefined },
): Promise<{ seconds: number; orgs: number }> {
  if (!fs.existsSync(input.file)) throw new HoldfastError("not_found", `no backup file ${input.file}`);
  const orgs = await orgCount(ctx.db);
  if (orgs > 0 && !input.force) {
    throw new HoldfastError(
      "conflict",
      `the store (${ctx.db.dialect} ${ctx.db.location}) holds ${orgs} org(s); restoring would replace them. Add --force to overwrite it`,
    );
  }
  const started = performance.now();
  try {
    await restoreDb(ctx.db, input.file, input.databaseUrl);
  } catch (e) {
    throw asHoldfast(e);
  }
  return { seconds: (performance.now() - started) / 1000, orgs: await orgCount(ctx.db) };
}

/**
 * Copies the embedded SQLite store (ctx) into the PostgreSQL store at `to`: its migrations run
 * first, then every table in key order through the bulk path in one transaction, with row
 * counts checked per table. Refuses a target holding rows unless `force` (which replaces them).
 */
export async function migrateStore(
  ctx: UseCaseContext,
  input: { to: string; force: boolean; progress?: ((c: TableCopy) => void) | undefined },
): Promise<{ tables: TableCopy[]; rows: number; seconds: number }> {
  if (ctx.db.dialect !== "sqlite") {
    throw new HoldfastError(
      "invalid_input",
      "migrate-store copies an embedded SQLite store; the source is PostgreSQL",
    );
  }
  if (!/^postgres(ql)?:\/\//.test(input.to)) {
    throw new HoldfastError(
      "invalid_input",
      `--to must be a postgres:// URL (got ${JSON.stringify(input.to.split("@").pop())})`,
    );
  }
  const started = performance.now();
  const target = await openDb({ databaseUrl: input.to });
  try {
    const filled = await nonEmptyTables(ctx.db, target);
    if (filled.length > 0 && !input.force) {
      throw new HoldfastError(
        "conflict",
        `the target ${target.location} is not empty (rows in ${filled.join(", ")}); add --force to replace its content`,
      );
    }
    const tables = await copyStore(ctx.db, target, { replace: input.force, progress: input.progress });
    return {
      tables,
      rows: tables.reduce((n, t) => n + t.rows, 0),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await closeDb(target);
  }
}
