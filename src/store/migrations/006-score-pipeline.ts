import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * One scoring pipeline: every score row records the config version it was computed with (the
 * two config hashes go), and score changes are kept for consumers to read in order, each
 * consumer remembering how far it read.
 */
export async function up(db: Kysely<unknown>, { serial }: MigrationContext): Promise<void> {
  const s = db.schema;
  const withoutRowId = serial === "integer" ? sql`without rowid` : sql``;
  await s
    .alterTable("scores")
    .addColumn("config_version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await s.alterTable("scores").dropColumn("config_hash").execute();

  // Ids count per org and are handed out in commit order (score_change_seq, below), so a
  // consumer that has read up to id N never later sees a change with a smaller id commit.
  await s
    .createTable("score_changes")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", "integer", (c) => c.notNull())
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
    .addPrimaryKeyConstraint("score_changes_pk", ["org_id", "id"])
    .modifyEnd(withoutRowId)
    .execute();

  // The last change id given out per org. Taking ids updates this row, which (on PostgreSQL)
  // stays locked until the writer commits: ids are given out in commit order.
  await s
    .createTable("score_change_seq")
    .addColumn("org_id", "integer", (c) => c.primaryKey())
    .addColumn("last_id", "integer", (c) => c.notNull())
    .execute();

  await s
    .createTable("change_cursors")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("consumer", "text", (c) => c.notNull())
    .addColumn("last_id", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("change_cursors_pk", ["org_id", "consumer"])
    .modifyEnd(withoutRowId)
    .execute();
}
