import { type Kysely, sql } from "kysely";

/**
 * Offers are keyed per customer. An offer's id is `<run id>:<step>` and a run id names the
 * tactic and its key, not the customer, so under the old key (org_id, id) two customers offered
 * the same step in one tick shared an id and only the first one's offer was stored. The table is
 * rebuilt with the key (org_id, customer_id, id), rows and indexes kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s
    .createTable("offers_v2")
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
    .addPrimaryKeyConstraint("offers_v2_pk", ["org_id", "customer_id", "id"])
    .execute();
  await sql`insert into offers_v2 select * from offers`.execute(db);
  await s.dropTable("offers").execute();
  await s.alterTable("offers_v2").renameTo("offers").execute();
  await s.createIndex("offers_expiry").on("offers").columns(["org_id", "status", "expires_at"]).execute();
}
