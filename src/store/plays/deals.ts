import type { Db } from "../open-store.ts";
import { type DealTable, q } from "./tables.ts";

/** Seed 000's deal pipeline for upsell: stage, estimated amount, owner, linked tactic. */

export type NewDeal = Omit<DealTable, "org_id" | "id">;

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
