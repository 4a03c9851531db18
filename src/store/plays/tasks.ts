import type { RowTable } from "../dialect/dialect.ts";
import type { Db } from "../open-store.ts";
import { type CsmTaskTable, q } from "./tables.ts";

/** CSM tasks made by plays: due date, owner or queue, the reason in words; done or snoozed. */

export type NewTask = Omit<CsmTaskTable, "org_id" | "id">;

const text = (name: string) => ({ name, type: "text" }) as const;
/** The bulk row shape of a task (the dialect's insert-new path). */
const TASKS: RowTable = {
  name: "csm_tasks",
  key: ["idempotency_key"],
  columns: [
    "idempotency_key",
    "customer_id",
    "tactic",
    "owner",
    "queue",
    "reason",
    "due_on",
    "status",
    "note",
    "snoozed_until",
    "created_at",
    "updated_at",
  ].map(text),
};

/** Inserts tasks in bulk (one prepared statement, or unnest); a key already written is ignored. */
export async function insertTasks(db: Db, orgId: number, rows: readonly NewTask[]): Promise<void> {
  if (rows.length === 0) return;
  await db.driver.insertNew(
    TASKS,
    orgId,
    rows.map((t) => [
      t.idempotency_key,
      t.customer_id,
      t.tactic,
      t.owner,
      t.queue,
      t.reason,
      t.due_on,
      t.status,
      t.note,
      t.snoozed_until,
      t.created_at,
      t.updated_at,
    ]),
  );
}

export async function insertTask(db: Db, orgId: number, t: NewTask): Promise<void> {
  await q(db)
    .insertInto("csm_tasks")
    .values({ org_id: orgId, ...t })
    .onConflict((oc) => oc.columns(["org_id", "idempotency_key"]).doNothing())
    .execute();
}

export async function listTasks(
  db: Db,
  orgId: number,
  f: { status?: string | undefined; owner?: string | undefined; limit: number },
) {
  let s = q(db).selectFrom("csm_tasks").selectAll().where("org_id", "=", orgId);
  if (f.status) s = s.where("status", "=", f.status);
  if (f.owner) s = s.where("owner", "=", f.owner);
  const rows = await s.orderBy("due_on").orderBy("id").limit(f.limit).execute();
  return rows.map(({ org_id: _, ...r }) => ({ ...r, id: Number(r.id) }));
}

export async function getTask(db: Db, orgId: number, id: number) {
  const r = await q(db)
    .selectFrom("csm_tasks")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!r) return null;
  const { org_id: _, ...rest } = r;
  return { ...rest, id: Number(r.id) };
}

export async function updateTask(
  db: Db,
  orgId: number,
  id: number,
  set: { status: string; note: string | null; snoozed_until: string | null; updated_at: string },
): Promise<void> {
  await q(db).updateTable("csm_tasks").set(set).where("org_id", "=", orgId).where("id", "=", id).execute();
}
