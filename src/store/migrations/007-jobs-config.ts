import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * The jobs queue (leased claims, retries, dead jobs kept with their error) and per-org config
 * versions (each a whole config, with author, reason and the diff against the previous one).
 * The daily-run claims of `scheduler_runs` are replaced by the jobs' idempotency keys.
 */
export async function up(db: Kysely<unknown>, { serial }: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .createTable("jobs")
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    // queued, running, done, dead, cancelled
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("priority", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("locked_by", "text")
    .addColumn("last_error", "text")
    .addColumn("idempotency_key", "text")
    .addColumn("progress", "text")
    .addColumn("result", "text")
    .addColumn("cancel_requested", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .execute();
  // Claims scan the claimable jobs in order: queued ones due by run time, running ones by lease.
  await s.createIndex("jobs_claim").on("jobs").columns(["status", "run_at", "priority"]).execute();
  await s.createIndex("jobs_org").on("jobs").columns(["org_id", "status", "id"]).execute();
  await s
    .createIndex("jobs_idempotency")
    .on("jobs")
    .columns(["org_id", "idempotency_key"])
    .unique()
    .where(sql.ref("idempotency_key"), "is not", null)
    .execute();

  await s
    .createTable("config_versions")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("config", "text", (c) => c.notNull())
    .addColumn("diff", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("reverted_to", "integer")
    .addColumn("at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("config_versions_pk", ["org_id", "version"])
    .execute();

  await s.dropTable("scheduler_runs").ifExists().execute();
}
