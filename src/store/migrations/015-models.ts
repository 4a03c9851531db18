import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * The model registry (issue 13, docs/model.md): each trained churn or expansion model is a
 * version per org and kind with its data window, features, parameters, metrics, size, the model
 * and its calibrator as JSON, and whether it is a candidate, the promoted one or retired (with
 * the reason). At most one promoted model per org and kind (enforced by the use case).
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("models")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("id", "integer", (c) => c.notNull())
    // churn, expansion
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    // candidate, promoted, retired
    .addColumn("status", "text", (c) => c.notNull())
    /** Why it was (or was not) promoted, or retired. */
    .addColumn("status_reason", "text", (c) => c.notNull())
    .addColumn("learner", "text", (c) => c.notNull())
    .addColumn("window_from", "text", (c) => c.notNull())
    .addColumn("window_to", "text", (c) => c.notNull())
    .addColumn("horizon_days", "integer", (c) => c.notNull())
    /** JSON: feature specs. */
    .addColumn("features", "text", (c) => c.notNull())
    /** JSON: learner parameters and the training set's shape. */
    .addColumn("params", "text", (c) => c.notNull())
    /** JSON: validation metrics of the model and of the baselines on the same window. */
    .addColumn("metrics", "text", (c) => c.notNull())
    .addColumn("training_ms", "integer", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("calibrator", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("promoted_at", "text")
    .addColumn("promoted_by", "text")
    .addPrimaryKeyConstraint("models_pk", ["org_id", "id"])
    .execute();
  await db.schema.createIndex("models_kind").on("models").columns(["org_id", "kind", "status"]).execute();
  // A customer's dated billing facts (plan and price changes, payment failures) as of any day: a small
  // partial index, so snapshots need not scan every event.
  await db.schema
    .createIndex("events_billing_facts")
    .on("events")
    .columns(["org_id", "customer_id", "ts"])
    .where(sql.ref("type"), "in", [
      "plan_changed",
      "invoice_payment_failed",
      "invoice_paid",
      "subscription_created",
      "subscription_updated",
    ])
    .execute();
}
