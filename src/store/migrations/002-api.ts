import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.ts";

/** API keys, the CSM outcome log, checklist state, and reason kinds on scores (for Drivers). */
export async function up(db: Kysely<unknown>, { serial }: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .createTable("api_keys")
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await s.createIndex("api_keys_org").on("api_keys").columns(["org_id", "id"]).execute();

  await s
    .createTable("outcomes")
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("outcomes_customer").on("outcomes").columns(["org_id", "customer_id", "id"]).execute();

  await s
    .createTable("checklist_state")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("step_id", "text", (c) => c.notNull())
    .addColumn("done", "integer", (c) => c.notNull())
    .addColumn("done_by", "text")
    .addColumn("done_at", "text")
    .addPrimaryKeyConstraint("checklist_state_pk", ["org_id", "customer_id", "step_id"])
    .execute();

  await s
    .alterTable("scores")
    .addColumn("reason_kinds", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  // The customer's ARR at scoring time, so "riskiest first, then largest" is one index walk.
  await s
    .alterTable("scores")
    .addColumn("arr", "double precision", (c) => c.notNull().defaultTo(0))
    .execute();
  await s.dropIndex("scores_rank").execute();
  await s
    .createIndex("scores_rank")
    .on("scores")
    .columns(["org_id", "kind", "score", "arr", "customer_id"])
    .execute();
  await s
    .createIndex("scores_level_rank")
    .on("scores")
    .columns(["org_id", "kind", "level", "score", "arr", "customer_id"])
    .execute();

  // Sorting and filtering the list by ARR.
  await s.createIndex("customers_arr").on("customers").columns(["org_id", "arr", "id"]).execute();

  // Executive and Drivers figures as of the last scoring run (aggregating 500k rows per request
  // would cost a second each).
  await s
    .createTable("report_snapshots")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_snapshots_pk", ["org_id", "name"])
    .execute();
}
