import type { Db } from "./open-store.ts";

export async function addOutcome(
  db: Db,
  orgId: number,
  o: { customerId: string; outcome: string; notes: string; author: string; at: Date },
) {
  return db.kysely
    .insertInto("outcomes")
    .values({
      org_id: orgId,
      customer_id: o.customerId,
      outcome: o.outcome,
      notes: o.notes,
      author: o.author,
      created_at: o.at.toISOString(),
    })
    .returning(["id", "outcome", "notes", "author", "created_at"])
    .executeTakeFirstOrThrow();
}

export async function listOutcomes(db: Db, orgId: number, customerId: string) {
  return db.kysely
    .selectFrom("outcomes")
    .select(["id", "outcome", "notes", "author", "created_at"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("id", "desc")
    .execute();
}

export async function checklistState(db: Db, orgId: number, customerId: string) {
  return db.kysely
    .selectFrom("checklist_state")
    .select(["step_id", "done", "done_by", "done_at"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .execute();
}

export async function setChecklistStep(
  db: Db,
  orgId: number,
  s: { customerId: string; stepId: string; done: boolean; by: string; at: Date },
) {
  const values = {
    org_id: orgId,
    customer_id: s.customerId,
    step_id: s.stepId,
    done: s.done ? 1 : 0,
    done_by: s.done ? s.by : null,
    done_at: s.done ? s.at.toISOString() : null,
  };
  await db.kysely
    .insertInto("checklist_state")
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(["org_id", "customer_id", "step_id"])
        .doUpdateSet({ done: values.done, done_by: values.done_by, done_at: values.done_at }),
    )
    .execute();
  return values;
}
