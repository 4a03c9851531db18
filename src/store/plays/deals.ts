import type { RowTable } from "../dialect/dialect.ts";
import type { Db } from "../open-store.ts";
import { type DealTable, q } from "./tables.ts";

/** Seed 000's deal pipeline for upsell: stage, estimated amount, owner, linked tactic. */

export type NewDeal = Omit<DealTable, "org_id" | "id">;

const text = (name: string) => ({ name, type: "text" }) as const;
/** The bulk row shape of a deal (the dialect's insert-new path). */
const DEALS: RowTable = {
  name: "deals",
  key: ["idempotency_key"],
  columns: [
    text("idempotency_key"),
    text("customer_id"),
    text("tactic"),
    text("stage"),
    { name: "estimated_amount", type: "real" },
    text("owner"),
    text("reason"),
    text("created_at"),
    text("updated_at"),
  ],
};

/** Inserts deals in bulk; a key already written is ignored. */
export async function insertDeals(db: Db, orgId: number, rows: readonly NewDeal[]): Promise<void> {
  if (rows.length === 0) return;
  await db.driver.insertNew(
    DEALS,
    orgId,
    rows.map((d) => [
      d.idempotency_key,
      d.customer_id,
      d.tactic,
      d.stage,
      d.estimated_amount,
      d.owner,
      d.reason,
      d.created_at,
      d.updated_at,
    ]),
  );
}

export async function insertDeal(db: Db, orgId: number, d: NewDeal): Promise<void> {
  await q(db)
    .insertInto("deals")
    .values({ org_id: orgId, ...d })
    .onConflict((oc) => oc.columns(["org_id", "idempotency_key"]).doNothing())
    .execute();
}

export async function listDeals(db: Db, orgId: number, f: { stage?: string | undefined; limit: number }) {
  let s = q(db).selectFrom("deals").selectAll().where("org_id", "=", orgId);
  if (f.stage) s = s.where("stage", "=", f.stage);
  const rows = await s.orderBy("id", "desc").limit(f.limit).execute();
  return rows.map(({ org_id: _, ...r }) => ({
    ...r,
    id: Number(r.id),
    estimated_amount: Number(r.estimated_amount),
  }));
}

export async function getDeal(db: Db, orgId: number, id: number) {
  const r = await q(db)
    .selectFrom("deals")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!r) return null;
  const { org_id: _, ...rest } = r;
  return { ...rest, id: Number(r.id), estimated_amount: Number(r.estimated_amount) };
}

export async function updateDeal(
  db: Db,
  orgId: number,
  id: number,
  patch: Partial<Pick<DealTable, "stage" | "estimated_amount" | "owner" | "updated_at">>,
): Promise<void> {
  await q(db).updateTable("deals").set(patch).where("org_id", "=", orgId).where("id", "=", id).execute();
}
