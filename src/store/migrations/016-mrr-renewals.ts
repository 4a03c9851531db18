import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * Issue 18, the picture a CS team can trust:
 * - `mrr_changes`: every move of a customer's live MRR (the MRR of its open subscriptions), with
 *   its day, the MRR before and after and its cause (new, expansion, contraction, churn,
 *   reactivation). Written where subscription effects are applied (event batches, imports), so
 *   revenue retention sees expansion and contraction, not only subscription spans. `source` names
 *   what wrote it (an event id, or `import:<day>` for a load rebuilt from subscription spans); `ord`
 *   orders a customer's moves within one day.
 * - `subscriptions.renewal_date` / `renewal_kind` / `renewal_term`: each subscription's next renewal,
 *   contract end or trial end (kind `none` when it has none) and its term in months, kept by the
 *   refresh as of the day in `renewal_dates_state`, so the Renewals view is an indexed range query.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .createTable("mrr_changes")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("customer_id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("ord", "integer", (c) => c.notNull())
    .addColumn("from_mrr", "double precision", (c) => c.notNull())
    .addColumn("to_mrr", "double precision", (c) => c.notNull())
    .addColumn("cause", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mrr_changes_pk", ["org_id", "customer_id", "source"])
    .execute();
  await s.createIndex("mrr_changes_at").on("mrr_changes").columns(["org_id", "at"]).execute();
  await s.alterTable("subscriptions").addColumn("renewal_date", "text").execute();
  await s.alterTable("subscriptions").addColumn("renewal_kind", "text").execute();
  await s.alterTable("subscriptions").addColumn("renewal_term", "integer").execute();
  // The as-of day the org's renewal dates were computed for (the list reads them only for that day).
  await s
    .createTable("renewal_dates_state")
    .addColumn("org_id", "integer", (c) => c.primaryKey())
    .addColumn("as_of", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("subscriptions_renewal_kind")
    .on("subscriptions")
    .columns(["org_id", "renewal_kind"])
    .execute();
  await s
    .createIndex("subscriptions_renewal")
    .on("subscriptions")
    .columns(["org_id", "renewal_date", "id"])
    .execute();
}
