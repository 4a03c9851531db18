import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * One scoring pipeline: every score row records the config version it was computed with (the
 * two config hashes go), and score changes are kept for consumers to read in order, each
 * consumer remembering how far it read.
 */
export async function up(db: Kysely<unknown>, { serial }: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .alterTable("scores")
    .addColumn("config_version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await s.alterTable("scores").dropColumn("config_hash").execute();

  await s
    .createTable("score_changes")
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("old_score", "double precision")
    .addColumn("new_score", "double precision")
    .addColumn("old_level", "text") // null: a first score
    .addColumn("new_level", "text", (c) => c.notNull())
    .addColumn("crossed", "text") // e.g. "churn_risk>=75"
    .addColumn("cause", "text", (c) => c.notNull())
    .addColumn("config_version", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  // Consumers read an org's changes in id order from where they left off: one range scan. Unique,
  // so the bulk path can name (org_id, id) as its conflict target (it never matches: ids are new).
  await s.createIndex("score_changes_org").on("score_changes").columns(["org_id", "id"]).unique().execute();

  await s
    .createTable("change_cursors")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("consumer", "text", (c) => c.notNull())
    .addColumn("last_id", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("change_cursors_pk", ["org_id", "consumer"])
    .modifyEnd(serial === "integer" ? sql`without rowid` : sql``)
    .execute();
}
