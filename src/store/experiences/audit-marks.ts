import type { Db } from "../open-store.ts";

/** Whether the org's audit log holds an action (the demo workspace marks its org this way). */
export async function orgHasAuditAction(db: Db, orgId: number, action: string): Promise<boolean> {
  const r = await db.kysely
    .selectFrom("audit_log")
    .select("action")
    .where("org_id", "=", orgId)
    .where("action", "=", action)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}
