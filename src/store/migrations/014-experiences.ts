import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * In-app experiences (docs/in-app.md): per org, the publishable key the browser snippet sends
 * and the identity secret the host app's backend signs end users with (kept to verify tokens,
 * never shown again after creation); and the answers end users gave, keyed by the client's
 * response id so a retried answer is recorded once.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .createTable("experience_keys")
    .addColumn("org_id", "integer", (c) => c.notNull().primaryKey())
    .addColumn("publishable_key", "text", (c) => c.notNull())
    .addColumn("identity_secret", "text", (c) => c.notNull())
    .addColumn("secret_rotated_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("experience_keys_publishable")
    .on("experience_keys")
    .column("publishable_key")
    .unique()
    .execute();
  await s
    .createTable("experience_responses")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull())
    .addColumn("outbox_id", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("experience_responses_pk", ["org_id", "response_id"])
    .execute();
  await s
    .createIndex("experience_responses_outbox")
    .on("experience_responses")
    .columns(["org_id", "outbox_id"])
    .execute();
}
