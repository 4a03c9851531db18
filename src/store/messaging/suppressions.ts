import type { Db } from "../open-store.ts";
import { mq } from "./tables.ts";

/** Suppressed email addresses (lower-cased): never sent to again. */

export async function suppressAddress(
  db: Db,
  orgId: number,
  row: { address: string; reason: string; customerId: string | null; at: string },
): Promise<boolean> {
  const r = await mq(db)
    .insertInto("email_suppressions")
    .values({
      org_id: orgId,
      address: row.address.trim().toLowerCase(),
      reason: row.reason,
      customer_id: row.customerId,
      created_at: row.at,
    })
    .onConflict((oc) => oc.columns(["org_id", "address"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function suppressionOf(
  db: Db,
  orgId: number,
  address: string,
): Promise<{ reason: string; created_at: string } | null> {
  const r = await mq(db)
    .selectFrom("email_suppressions")
    .select(["reason", "created_at"])
    .where("org_id", "=", orgId)
    .where("address", "=", address.trim().toLowerCase())
    .executeTakeFirst();
  return r ?? null;
}
