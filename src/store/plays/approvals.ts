import type { Selectable } from "kysely";
import type { RowTable } from "../dialect/dialect.ts";
import type { Db } from "../open-store.ts";
import { type ApprovalTable, q } from "./tables.ts";

/** Concessions beyond bounds and communications to large accounts, waiting for a person. */

export type NewApproval = Omit<ApprovalTable, "org_id" | "id">;

const text = (name: string) => ({ name, type: "text" }) as const;
/** The bulk row shape of an approval (the dialect's insert-new path). */
const APPROVALS: RowTable = {
  name: "approvals",
  key: ["idempotency_key"],
  columns: [
    "idempotency_key",
    "customer_id",
    "tactic",
    "what",
    "why",
    "status",
    "decided_by",
    "reason",
    "decided_at",
    "expires_at",
    "created_at",
  ].map(text),
};

/** Inserts approvals in bulk; a key already written is ignored. */
export async function insertApprovals(db: Db, orgId: number, rows: readonly NewApproval[]): Promise<void> {
  if (rows.length === 0) return;
  await db.driver.insertNew(
    APPROVALS,
    orgId,
    rows.map((a) => [
      a.idempotency_key,
      a.customer_id,
      a.tactic,
      a.what,
      a.why,
      a.status,
      a.decided_by,
      a.reason,
      a.decided_at,
      a.expires_at,
      a.created_at,
    ]),
  );
}

export async function insertApproval(db: Db, orgId: number, a: NewApproval): Promise<void> {
  await q(db)
    .insertInto("approvals")
    .values({ org_id: orgId, ...a })
    .onConflict((oc) => oc.columns(["org_id", "idempotency_key"]).doNothing())
    .execute();
}

const shape = ({ org_id: _, ...r }: Selectable<ApprovalTable>) => ({ ...r, id: Number(r.id) });

export async function listApprovals(
  db: Db,
  orgId: number,
  f: { status?: string | undefined; limit: number },
) {
  let s = q(db).selectFrom("approvals").selectAll().where("org_id", "=", orgId);
  if (f.status) s = s.where("status", "=", f.status);
  const rows = await s.orderBy("id", "desc").limit(f.limit).execute();
  return rows.map(shape);
}

export async function getApproval(db: Db, orgId: number, id: number) {
  const r = await q(db)
    .selectFrom("approvals")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? shape(r) : null;
}

/** Decides a pending approval; false when it was no longer pending. */
export async function decideApproval(
  db: Db,
  orgId: number,
  id: number,
  set: { status: string; decided_by: string; reason: string; decided_at: string },
): Promise<boolean> {
  const r = await q(db)
    .updateTable("approvals")
    .set(set)
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Pending approvals past their time become expired; returns their idempotency keys. */
export async function expireApprovals(db: Db, orgId: number, now: string): Promise<string[]> {
  const rows = await q(db)
    .selectFrom("approvals")
    .select(["id", "idempotency_key"])
    .where("org_id", "=", orgId)
    .where("status", "=", "pending")
    .where("expires_at", "<=", now)
    .execute();
  if (rows.length === 0) return [];
  await q(db)
    .updateTable("approvals")
    .set({ status: "expired", decided_at: now, decided_by: "system", reason: "expired before a decision" })
    .where("org_id", "=", orgId)
    .where("status", "=", "pending")
    .where("expires_at", "<=", now)
    .execute();
  return rows.map((r) => r.idempotency_key);
}
