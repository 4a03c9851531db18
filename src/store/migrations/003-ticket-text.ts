import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/** Ticket text fields and linkage, analyses per ticket, and the analysis cache. */
export async function up(db: Kysely<unknown>, { serial }: MigrationContext): Promise<void> {
  const s = db.schema;
  for (const col of ["tags", "queue", "language", "requester_email", "linked_by"]) {
    await s.alterTable("tickets").addColumn(col, "text").execute();
  }
  await s
    .createTable("ticket_analyses")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("ticket_id", "text", (c) => c.notNull())
    .addColumn("analyzer", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("category", "text")
    .addColumn("sentiment", "text")
    .addColumn("churn_intent", "integer")
    .addColumn("recommended_action", "text")
    .addColumn("error", "text")
    .addColumn("analyzed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ticket_analyses_pk", ["org_id", "ticket_id"])
    .modifyEnd(serial === "integer" ? sql`without rowid` : sql``)
    .execute();
  await s
    .createTable("analysis_cache")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("analysis_cache_pk", ["org_id", "key"])
    .execute();
  await s
    .createIndex("tickets_account")
    .on("tickets")
    .columns(["org_id", "account_id", "submitted_at"])
    .execute();
}
