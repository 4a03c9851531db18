import type { Kysely } from "kysely";
import type { Db } from "./open-store.ts";
import type { Database } from "./schema.ts";

/** The latest CSM correction of a ticket's analysis (migration 020). */
export interface TicketCorrectionTable {
  org_id: number;
  ticket_id: string;
  category: string | null;
  churn_intent: number | null;
  note: string | null;
  was_category: string | null;
  was_churn_intent: number | null;
  analyzer: string | null;
  corrected_by: string;
  corrected_at: string;
}

/** One training of the ticket-category classifier (migration 020). */
export interface TicketClassifierRunTable {
  org_id: number;
  training_hash: string;
  examples: number;
  corrections: number;
  /** JSON: the per-fold accuracies. */
  folds: string;
  rules_accuracy: number;
  classifier_accuracy: number;
  blend_accuracy: number;
  use_blend: number;
  trained_at: string;
}

interface CorrectionsDatabase extends Database {
  ticket_corrections: TicketCorrectionTable;
  ticket_classifier_runs: TicketClassifierRunTable;
}
const q = (db: Db): Kysely<CorrectionsDatabase> => db.kysely as unknown as Kysely<CorrectionsDatabase>;

/** The ticket's text and current analysis, or undefined when the org has no such ticket. */
export async function ticketForCorrection(db: Db, orgId: number, ticketId: string) {
  return q(db)
    .selectFrom("tickets as t")
    .leftJoin("ticket_analyses as a", (j) =>
      j.onRef("a.org_id", "=", "t.org_id").onRef("a.ticket_id", "=", "t.id"),
    )
    .where("t.org_id", "=", orgId)
    .where("t.id", "=", ticketId)
    .select(["t.id", "t.subject", "t.body", "a.category", "a.churn_intent", "a.analyzer"])
    .executeTakeFirst();
}

/** Writes the ticket's correction (a later correction replaces the earlier one). */
export async function upsertTicketCorrection(db: Db, row: TicketCorrectionTable): Promise<void> {
  const { org_id: _o, ticket_id: _t, ...rest } = row;
  await q(db)
    .insertInto("ticket_corrections")
    .values(row)
    .onConflict((oc) => oc.columns(["org_id", "ticket_id"]).doUpdateSet(rest))
    .execute();
}

/** Every correction of the org with its ticket's text (training examples), in ticket order. */
export async function listTicketCorrections(db: Db, orgId: number) {
  return q(db)
    .selectFrom("ticket_corrections as c")
    .innerJoin("tickets as t", (j) => j.onRef("t.org_id", "=", "c.org_id").onRef("t.id", "=", "c.ticket_id"))
    .where("c.org_id", "=", orgId)
    .select([
      "c.ticket_id",
      "c.category",
      "c.churn_intent",
      "c.note",
      "c.was_category",
      "c.was_churn_intent",
      "c.corrected_by",
      "c.corrected_at",
      "t.subject",
      "t.body",
    ])
    .orderBy("c.ticket_id")
    .execute();
}

/** The classifier run of this training set, if it was cross-validated already. */
export async function findClassifierRun(db: Db, orgId: number, trainingHash: string) {
  return q(db)
    .selectFrom("ticket_classifier_runs")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("training_hash", "=", trainingHash)
    .executeTakeFirst();
}

/** Whether the org has any classifier run (none: the rules answer alone, nothing to train). */
export async function hasClassifierRuns(db: Db, orgId: number): Promise<boolean> {
  const r = await q(db)
    .selectFrom("ticket_classifier_runs")
    .select("training_hash")
    .where("org_id", "=", orgId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function saveClassifierRun(db: Db, row: TicketClassifierRunTable): Promise<void> {
  const { org_id: _o, training_hash: _h, ...rest } = row;
  await q(db)
    .insertInto("ticket_classifier_runs")
    .values(row)
    .onConflict((oc) => oc.columns(["org_id", "training_hash"]).doUpdateSet(rest))
    .execute();
}
