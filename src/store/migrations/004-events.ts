import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * Event intake: raw events (kept for replay), daily rollups per (customer, day, metric, key),
 * NPS answers, lifecycle transitions, recompute requests and scheduler state; subscription
 * status and customer consents for customers created by API.
 */
export async function up(db: Kysely<unknown>, { serial }: MigrationContext): Promise<void> {
  const s = db.schema;
  const withoutRowId = serial === "integer" ? sql`without rowid` : sql``;

  await s
    .createTable("events")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("ts", "text", (c) => c.notNull())
    .addColumn("properties", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("events_pk", ["org_id", "id"])
    .modifyEnd(withoutRowId)
    .execute();

  await s
    .createTable("metrics_daily")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("metric", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    // Customer then day: a customer's window is one range scan, and batches of customers too.
    .addPrimaryKeyConstraint("metrics_daily_pk", ["org_id", "customer_id", "day", "metric", "key"])
    .modifyEnd(withoutRowId)
    .execute();

  await s
    .createTable("nps_responses")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("respondent", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("comment", "text")
    .addPrimaryKeyConstraint("nps_responses_pk", ["org_id", "customer_id", "respondent", "day"])
    .modifyEnd(withoutRowId)
    .execute();

  await s
    .createTable("lifecycle_transitions")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("from_stage", "text")
    .addColumn("to_stage", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("lifecycle_transitions_pk", ["org_id", "customer_id", "day"])
    .modifyEnd(withoutRowId)
    .execute();

  await s
    .createTable("recompute_requests")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("recompute_requests_pk", ["org_id", "customer_id"])
    .execute();

  await s
    .createTable("scheduler_runs")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("job", "text", (c) => c.notNull())
    .addColumn("last_day", "text", (c) => c.notNull())
    .addColumn("last_at", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addPrimaryKeyConstraint("scheduler_runs_pk", ["org_id", "job"])
    .execute();

  for (const col of ["status", "trial_end", "paused_on"]) {
    await s.alterTable("subscriptions").addColumn(col, "text").execute();
  }
  await s.alterTable("customers").addColumn("consents", "text").execute();
  await s.alterTable("customers").addColumn("billing_name", "text").execute();
  await s.alterTable("customers").addColumn("name", "text").execute();
  await s.alterTable("plans").addColumn("price_monthly", "double precision").execute();
  // Customers created by API or events take the next ordinal: max(ordinal) must be a seek.
  await s.createIndex("customers_ordinal").on("customers").columns(["org_id", "ordinal"]).execute();
}
