import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * Delivery (issue 12): the outbox's delivery state (attempts, next attempt, the lease of the
 * dispatcher that claimed a row, last error, when it was sent), one row per delivery attempt,
 * and the org's webhook endpoints. Statuses after this migration: pending, sending (claimed
 * under a lease), sent, dead, plus the plays' held, delivered and cancelled (docs/delivery.md).
 */
export async function up(db: Kysely<unknown>, { serial }: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .alterTable("outbox")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // Attempts made before the last redelivery: the retry limit counts `attempts - retry_from`,
  // while every attempt keeps its own number in delivery_attempts.
  await s
    .alterTable("outbox")
    .addColumn("retry_from", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // Null: due now; a failed attempt sets the time of the next one.
  await s.alterTable("outbox").addColumn("next_attempt_at", "text").execute();
  await s.alterTable("outbox").addColumn("lease_until", "text").execute();
  await s.alterTable("outbox").addColumn("locked_by", "text").execute();
  await s.alterTable("outbox").addColumn("last_error", "text").execute();
  await s.alterTable("outbox").addColumn("last_code", "text").execute();
  await s.alterTable("outbox").addColumn("sent_at", "text").execute();
  await s.alterTable("outbox").addColumn("updated_at", "text").execute();
  // The dispatcher's claim: an org's due rows of one status, oldest first.
  await s
    .createIndex("outbox_due")
    .on("outbox")
    .columns(["org_id", "status", "next_attempt_at", "id"])
    .execute();
  await s.createIndex("outbox_channel").on("outbox").columns(["org_id", "channel", "id"]).execute();

  await s
    .createTable("delivery_attempts")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("outbox_id", "integer", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    // started (written before the send), ok, failed
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("code", "text")
    .addColumn("error", "text")
    .addColumn("latency_ms", "integer")
    .addColumn("endpoint_id", "integer")
    .addPrimaryKeyConstraint("delivery_attempts_pk", ["org_id", "outbox_id", "attempt"])
    .execute();
  // The rate limit's window (attempts of a channel since a time) and an endpoint's delivery log.
  await s
    .createIndex("delivery_attempts_channel")
    .on("delivery_attempts")
    .columns(["org_id", "channel", "at"])
    .execute();
  await s
    .createIndex("delivery_attempts_endpoint")
    .on("delivery_attempts")
    .columns(["org_id", "endpoint_id", "at"])
    .execute();

  await s
    .createTable("webhook_endpoints")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("url", "text", (c) => c.notNull())
    // The signing secret, kept so it can sign; shown once at creation, redacted in every answer.
    .addColumn("secret", "text", (c) => c.notNull())
    // holdfast, hubspot, salesforce
    .addColumn("format", "text", (c) => c.notNull())
    // JSON array of event types
    .addColumn("events", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("webhook_endpoints_org").on("webhook_endpoints").columns(["org_id", "id"]).execute();
}
