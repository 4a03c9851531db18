import type { Kysely } from "kysely";

/**
 * Plays ticks that touch only what changed (issue 11, docs/plays.md "Incremental ticks"): the
 * scheduler's step timer and the tick's due-run set read active runs by `next_due_at`; the tick
 * finds customers with events since the last tick by time, offers that expire, and customers whose
 * signup anniversary makes a schedule trigger fire; the tick records the plays config it ran with
 * so a config change makes the next tick a full one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s.createIndex("play_runs_due").on("play_runs").columns(["org_id", "status", "next_due_at"]).execute();
  await s.createIndex("events_ts").on("events").columns(["org_id", "ts"]).execute();
  await s.createIndex("events_customer_ts").on("events").columns(["org_id", "customer_id", "ts"]).execute();
  await s.createIndex("offers_expiry").on("offers").columns(["org_id", "status", "expires_at"]).execute();
  await s.createIndex("customers_signup").on("customers").columns(["org_id", "signup_date"]).execute();
  // A tick reads each page's first usage day; the key starts with the day, so this walked them all.
  await s
    .createIndex("usage_daily_customer")
    .on("usage_daily")
    .columns(["org_id", "customer_id", "day"])
    .execute();
  // Whether a customer was already asked for a schedule key (an incremental tick's milestone set).
  await s
    .createIndex("play_decisions_asked")
    .on("play_decisions")
    .columns(["org_id", "tactic", "run_key", "customer_id"])
    .execute();
  await s.alterTable("play_ticks").addColumn("config_hash", "text").execute();
}
