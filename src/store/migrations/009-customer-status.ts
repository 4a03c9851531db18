import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * One status per customer (issue 18): active, trialing, paused, past_due or churned, derived from
 * its subscriptions by the refresh step; a churned customer keeps its churn date, reason and the
 * ARR it took with it. Null until the first refresh after this migration.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable("customers").addColumn("status", "text").execute();
  await db.schema.alterTable("customers").addColumn("churn_date", "text").execute();
  await db.schema.alterTable("customers").addColumn("churn_reason", "text").execute();
  await db.schema.alterTable("customers").addColumn("lost_arr", "double precision").execute();
  await db.schema.createIndex("customers_status").on("customers").columns(["org_id", "status"]).execute();
}
