import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * The plays engine's tables (issue 11, docs/plays.md): runs of tactics per customer, every
 * decision the contact policy made, the outbox of effects (keyed by their idempotency key, so a
 * rerun or a second worker writes each effect once), the offers ledger, CSM tasks, deals,
 * approvals, org-scope insights and the ticks themselves. Every key starts with org_id.
 */
export async function up(db: Kysely<unknown>, { serial }: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .createTable("play_ticks")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("tick_id", "text", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("counts", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("play_ticks_pk", ["org_id", "tick_id"])
    .execute();
  await s.createIndex("play_ticks_as_of").on("play_ticks").columns(["org_id", "as_of"]).execute();

  await s
    .createTable("play_runs")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("tactic", "text", (c) => c.notNull())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("run_key", "text")
    // active, exited
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("next_due_at", "text")
    .addColumn("exit_cause", "text")
    .addColumn("exit_detail", "text")
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("play_runs_pk", ["org_id", "customer_id", "tactic", "run_id"])
    .execute();
  await s.createIndex("play_runs_status").on("play_runs").columns(["org_id", "status", "tactic"]).execute();

  await s
    .createTable("play_decisions")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", serial, (c) => c.primaryKey())
    /** tick id, customer, tactic, start or step id, trigger key: one decision per tick and candidate. */
    .addColumn("decision_key", "text", (c) => c.notNull())
    .addColumn("tick_id", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("tactic", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("step_id", "text")
    .addColumn("run_key", "text")
    .addColumn("cause", "text", (c) => c.notNull())
    // fire, defer, suppress
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("rule", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("next_eligible_at", "text")
    .addColumn("approval", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("as_of", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("play_decisions_key")
    .on("play_decisions")
    .columns(["org_id", "decision_key"])
    .unique()
    .execute();
  await s
    .createIndex("play_decisions_customer")
    .on("play_decisions")
    .columns(["org_id", "customer_id", "id"])
    .execute();
  await s
    .createIndex("play_decisions_tactic")
    .on("play_decisions")
    .columns(["org_id", "tactic", "id"])
    .execute();

  await s
    .createTable("outbox")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("tactic", "text", (c) => c.notNull())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("step_id", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    // pending, held (awaiting approval), delivered (stored surfaces), cancelled
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("outbox_idempotency")
    .on("outbox")
    .columns(["org_id", "idempotency_key"])
    .unique()
    .execute();
  await s
    .createIndex("outbox_customer")
    .on("outbox")
    .columns(["org_id", "customer_id", "created_at"])
    .execute();
  await s.createIndex("outbox_status").on("outbox").columns(["org_id", "status", "id"]).execute();

  await s
    .createTable("offers")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("tactic", "text", (c) => c.notNull())
    .addColumn("surface", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("percent", "double precision")
    .addColumn("cycles", "integer")
    .addColumn("months", "integer")
    .addColumn("days", "integer")
    .addColumn("trial_id", "text")
    .addColumn("proposed_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("ends_at", "text")
    .addPrimaryKeyConstraint("offers_pk", ["org_id", "id"])
    .execute();
  await s.createIndex("offers_customer").on("offers").columns(["org_id", "customer_id"]).execute();

  await s
    .createTable("csm_tasks")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("tactic", "text", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("queue", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    // open, done, snoozed
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("snoozed_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("csm_tasks_key")
    .on("csm_tasks")
    .columns(["org_id", "idempotency_key"])
    .unique()
    .execute();
  await s.createIndex("csm_tasks_status").on("csm_tasks").columns(["org_id", "status", "due_on"]).execute();

  await s
    .createTable("deals")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("tactic", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("estimated_amount", "double precision", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("deals_key").on("deals").columns(["org_id", "idempotency_key"]).unique().execute();

  await s
    .createTable("approvals")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("tactic", "text", (c) => c.notNull())
    .addColumn("what", "text", (c) => c.notNull())
    .addColumn("why", "text", (c) => c.notNull())
    // pending, approved, rejected, expired
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("reason", "text")
    .addColumn("decided_at", "text")
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("approvals_key")
    .on("approvals")
    .columns(["org_id", "idempotency_key"])
    .unique()
    .execute();
  await s.createIndex("approvals_status").on("approvals").columns(["org_id", "status", "id"]).execute();

  await s
    .createTable("play_insights")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("tactic", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("figures", "text", (c) => c.notNull())
    .addColumn("suggestion", "text", (c) => c.notNull())
    .addColumn("open", "integer", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("play_insights_pk", ["org_id", "tactic"])
    .execute();
}
