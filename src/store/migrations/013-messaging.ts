import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * Email and SMS delivery (issue 12, docs/delivery.md): message templates per org and action,
 * versioned (a save is a new version with author and reason; the highest version is current),
 * suppressed email addresses (hard bounces, complaints, unsubscribes) and per-org secrets
 * generated on first use (the unsubscribe-token key when HOLDFAST_SECRET is unset), and the
 * email send log: an outbox row's acceptance by the SMTP server, written the moment it is
 * accepted, so a dispatcher that died before recording its batch never sends the row again.
 * Every key starts with org_id.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .createTable("message_templates")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("html", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("message_templates_pk", ["org_id", "action", "version"])
    .execute();

  await s
    .createTable("email_suppressions")
    .addColumn("org_id", "integer", (c) => c.notNull())
    /** Lower-cased address. */
    .addColumn("address", "text", (c) => c.notNull())
    // hard_bounce, complaint, unsubscribe
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("customer_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("email_suppressions_pk", ["org_id", "address"])
    .execute();

  await s
    .createTable("org_secrets")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("org_secrets_pk", ["org_id", "name"])
    .execute();

  await s
    .createTable("email_sends")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("outbox_id", "integer", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("response", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("email_sends_pk", ["org_id", "outbox_id"])
    .execute();
}
