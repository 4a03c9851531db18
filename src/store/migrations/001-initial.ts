import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/** The foundation tables (see ../schema.ts for what each column means). */
export async function up(db: Kysely<unknown>, { serial }: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .createTable("orgs")
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("accounts")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("industry", "text")
    .addColumn("country", "text")
    .addColumn("signup_date", "text")
    .addColumn("referral_source", "text")
    .addColumn("plan_tier", "text")
    .addColumn("seats", "integer")
    .addColumn("is_trial", "integer", (c) => c.notNull())
    .addColumn("churn_flag", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("accounts_pk", ["org_id", "id"])
    .modifyEnd(withoutRowId())
    .execute();

  await s
    .createTable("customers")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("ordinal", "integer", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("account_name", "text")
    .addColumn("industry", "text")
    .addColumn("country", "text")
    .addColumn("segment", "text")
    .addColumn("owner", "text")
    .addColumn("signup_date", "text")
    .addColumn("plan_tier", "text")
    .addColumn("seats", "integer")
    .addColumn("is_trial", "integer", (c) => c.notNull())
    .addColumn("arr", "double precision", (c) => c.notNull())
    .addColumn("mrr", "double precision", (c) => c.notNull())
    .addColumn("billing_email", "text")
    .addColumn("timezone", "text")
    .addColumn("traits", "text")
    .addPrimaryKeyConstraint("customers_pk", ["org_id", "id"])
    .modifyEnd(withoutRowId())
    .execute();

  await s
    .createTable("subscriptions")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("plan_tier", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text")
    .addColumn("seats", "integer", (c) => c.notNull())
    .addColumn("mrr", "double precision", (c) => c.notNull())
    .addColumn("arr", "double precision", (c) => c.notNull())
    .addColumn("is_trial", "integer", (c) => c.notNull())
    .addColumn("upgrade_flag", "integer", (c) => c.notNull())
    .addColumn("downgrade_flag", "integer", (c) => c.notNull())
    .addColumn("churn_flag", "integer", (c) => c.notNull())
    .addColumn("billing_frequency", "text")
    .addColumn("auto_renew", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("subscriptions_pk", ["org_id", "id"])
    .modifyEnd(withoutRowId())
    .execute();
  // Covers the per-customer "downgraded" probe of the early-warning inputs.
  await s
    .createIndex("subscriptions_customer")
    .on("subscriptions")
    .columns(["org_id", "customer_id", "downgrade_flag"])
    .execute();

  await s
    .createTable("plans")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("tier", "text", (c) => c.notNull())
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("is_public", "integer", (c) => c.notNull())
    .addColumn("limits", "text")
    .addPrimaryKeyConstraint("plans_pk", ["org_id", "tier"])
    .modifyEnd(withoutRowId())
    .execute();

  await s
    .createTable("usage_daily")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("feature", "text", (c) => c.notNull())
    .addColumn("uses", "integer", (c) => c.notNull())
    .addColumn("duration_secs", "double precision", (c) => c.notNull())
    .addColumn("errors", "integer", (c) => c.notNull())
    // Day first: scoring reads a window of days across all customers.
    .addPrimaryKeyConstraint("usage_daily_pk", ["org_id", "day", "customer_id", "feature"])
    .modifyEnd(withoutRowId())
    .execute();

  await s
    .createTable("tickets")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("account_id", "text")
    .addColumn("customer_id", "text")
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addColumn("resolution_hours", "double precision")
    .addColumn("priority", "text")
    .addColumn("first_response_min", "double precision")
    .addColumn("satisfaction", "double precision")
    .addColumn("escalated", "integer", (c) => c.notNull())
    .addColumn("subject", "text")
    .addColumn("body", "text")
    .addPrimaryKeyConstraint("tickets_pk", ["org_id", "id"])
    .modifyEnd(withoutRowId())
    .execute();

  await s
    .createTable("churn_events")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("churn_date", "text", (c) => c.notNull())
    .addColumn("reason_code", "text")
    .addColumn("refund_usd", "double precision")
    .addColumn("preceding_upgrade", "integer", (c) => c.notNull())
    .addColumn("preceding_downgrade", "integer", (c) => c.notNull())
    .addColumn("is_reactivation", "integer", (c) => c.notNull())
    .addColumn("feedback", "text")
    .addPrimaryKeyConstraint("churn_events_pk", ["org_id", "id"])
    .modifyEnd(withoutRowId())
    .execute();
  await s
    .createIndex("churn_events_account")
    .on("churn_events")
    .columns(["org_id", "account_id", "churn_date"])
    .execute();

  await s
    .createTable("scores")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("score", "double precision") // null = unscored
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("reasons", "text", (c) => c.notNull())
    .addColumn("top_reasons", "text", (c) => c.notNull())
    .addColumn("actions", "text", (c) => c.notNull())
    .addColumn("signals", "text", (c) => c.notNull())
    .addColumn("config_hash", "text", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("scores_pk", ["org_id", "kind", "customer_id"])
    .modifyEnd(withoutRowId())
    .execute();
  await s.createIndex("scores_rank").on("scores").columns(["org_id", "kind", "score"]).execute();

  await s
    .createTable("score_history")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("score", "double precision") // null = unscored
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("reasons", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("score_history_pk", ["org_id", "kind", "customer_id", "day"])
    .modifyEnd(withoutRowId())
    .execute();

  await s
    .createTable("audit_log")
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject", "text")
    .addColumn("detail", "text")
    .execute();
  await s.createIndex("audit_log_org").on("audit_log").columns(["org_id", "id"]).execute();

  await s
    .createTable("imports")
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("grain", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("counts", "text")
    .addColumn("errors", "text")
    .addColumn("error_count", "integer", (c) => c.notNull())
    .execute();
  await s.createIndex("imports_org").on("imports").columns(["org_id", "id"]).execute();

  function withoutRowId() {
    // SQLite stores these clustered by key; PostgreSQL ignores the hint (MigrationContext.serial tells which).
    return serial === "integer" ? sql`without rowid` : sql``;
  }
}
