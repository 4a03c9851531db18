import type { Db } from "../open-store.ts";
import { chunks, q } from "./tables.ts";

/** A customer's name and ARR for the plays queues (approvals, tasks, deals). */
export interface CustomerLabel {
  id: string;
  name: string | null;
  arr: number;
}

/** Name (the API name, else the imported account name) and ARR of these customers, by id. */
export async function customerLabels(
  db: Db,
  orgId: number,
  ids: readonly string[],
): Promise<Map<string, CustomerLabel>> {
  const out = new Map<string, CustomerLabel>();
  for (const c of chunks([...new Set(ids)])) {
    const rows = await q(db)
      .selectFrom("customers")
      .select(["id", "name", "account_name", "arr"])
      .where("org_id", "=", orgId)
      .where("id", "in", c)
      .execute();
    for (const r of rows) out.set(r.id, { id: r.id, name: r.name ?? r.account_name, arr: Number(r.arr) });
  }
  return out;
}
