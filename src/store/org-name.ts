import type { Db } from "./open-store.ts";

/** The org's display name (null: no such org). */
export async function orgName(db: Db, orgId: number): Promise<string | null> {
  const r = await db.kysely.selectFrom("orgs").select("name").where("id", "=", orgId).executeTakeFirst();
  return r?.name ?? null;
}
