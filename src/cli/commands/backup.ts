import type { Command } from "commander";
import { readEnv, redactedUrl } from "../../config/env.ts";
import { backupStore, migrateStore, restoreStore } from "../../usecases/backup-store.ts";
import { withContext } from "../context.ts";
import { fmtInt } from "../format.ts";

interface StoreOpts {
  db?: string;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The PostgreSQL URL pg_dump/pg_restore need, when the store is PostgreSQL (no --db). */
const urlFor = (o: StoreOpts) => (o.db ? undefined : readEnv().databaseUrl);

export function registerBackup(program: Command): void {
  program
    .command("backup")
    .description(
      "write a consistent copy of the store while it runs (SQLite: online backup API; PostgreSQL: pg_dump custom format)",
    )
    .requiredOption("--out <file>", "the backup file to write")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .action(async (o: StoreOpts & { out: string }) => {
      const r = await withContext(o, (ctx) => backupStore(ctx, { out: o.out, databaseUrl: urlFor(o) }));
      console.log(
        `Backed up the ${r.dialect} store to ${o.out} (${mib(r.bytes)}) in ${r.seconds.toFixed(1)} s`,
      );
    });

  program
    .command("restore <file>")
    .description("replace the store with a backup (SQLite: backup API; PostgreSQL: pg_restore)")
    .option("--db <file>", "SQLite file (default: DATABASE_URL, else ./data/holdfast.db)")
    .option("--force", "overwrite a store that already holds data")
    .action(async (file: string, o: StoreOpts & { force?: boolean }) => {
      const r = await withContext(o, (ctx) =>
        restoreStore(ctx, { file, force: o.force === true, databaseUrl: urlFor(o) }),
      );
      console.log(`Restored ${file}: ${fmtInt(r.orgs)} org(s) in ${r.seconds.toFixed(1)} s`);
    });

  program
    .command("migrate-store")
    .description("copy the embedded SQLite store into PostgreSQL (migrations run on the target first)")
    .requiredOption("--to <url>", "the PostgreSQL store, postgres://user@host:5432/db")
    .option("--db <file>", "the SQLite file to copy (default: HOLDFAST_DB, else ./data/holdfast.db)")
    .option("--force", "replace the content of a target that already holds data")
    .action(async (o: StoreOpts & { to: string; force?: boolean }) => {
      // The source is always the SQLite file, whatever DATABASE_URL says.
      const source = { db: o.db ?? readEnv().sqlitePath ?? "./data/holdfast.db" };
      const r = await withContext(source, (ctx) =>
        migrateStore(ctx, {
          to: o.to,
          force: o.force === true,
          progress: (t) => console.log(`  ${t.table}: ${fmtInt(t.rows)} rows in ${t.seconds.toFixed(1)} s`),
        }),
      );
      console.log(
        `Copied ${source.db} into ${redactedUrl(o.to)}: ${fmtInt(r.rows)} rows in ${r.tables.length} tables, counts equal, in ${r.seconds.toFixed(1)} s`,
      );
    });
}
