import type { Db } from "../open-store.ts";

export async function orgExists(db: Db, orgId: number): Promise<boolean> {
  const r = await db.kysely.selectFrom("orgs").select("id").where("id", "=", orgId).executeTakeFirst();
  return r !== undefined;
}
