import type { Kysely } from "kysely";

/**
 * CSM corrections of ticket analyses (issue 13 item 7): the latest correction of each ticket
 * (category and/or churn intent, with a note), what the analyzer had said, who and when. The
 * corrections join the labeled set when the ticket-category classifier is next trained (every
 * ticket analysis run); the audit log keeps every correction ever made.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("ticket_corrections")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("ticket_id", "text", (c) => c.notNull())
    .addColumn("category", "text")
    .addColumn("churn_intent", "integer")
    .addColumn("note", "text")
    .addColumn("was_category", "text")
    .addColumn("was_churn_intent", "integer")
    .addColumn("analyzer", "text")
    .addColumn("corrected_by", "text", (c) => c.notNull())
    .addColumn("corrected_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ticket_corrections_pk", ["org_id", "ticket_id"])
    .execute();
  // Each training of the classifier: its training set (by hash), the five-fold accuracies of the
  // rules, the classifier and the blend, and the decision (the blend is used only when it beats the rules).
  await db.schema
    .createTable("ticket_classifier_runs")
    .addColumn("org_id", "integer", (c) => c.notNull())
    .addColumn("training_hash", "text", (c) => c.notNull())
    .addColumn("examples", "integer", (c) => c.notNull())
    .addColumn("corrections", "integer", (c) => c.notNull())
    .addColumn("folds", "text", (c) => c.notNull())
    .addColumn("rules_accuracy", "double precision", (c) => c.notNull())
    .addColumn("classifier_accuracy", "double precision", (c) => c.notNull())
    .addColumn("blend_accuracy", "double precision", (c) => c.notNull())
    .addColumn("use_blend", "integer", (c) => c.notNull())
    .addColumn("trained_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ticket_classifier_runs_pk", ["org_id", "training_hash"])
    .execute();
}
