import type { Db } from "./open-store.ts";

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string | undefined;
  detail?: unknown;
}

/** Appends to the org's audit log; entries are never updated or deleted. */
export async function appendAudit(db: Db, orgId: number, at: Date, e: AuditEntry): Promise<void> {
  await db.kysely
    .insertInto("audit_log")
    .values({
      org_id: orgId,
      at: at.toISOString(),
      actor: e.actor,
      action: e.action,
      subject: e.subject ?? null,
      detail: e.detail === undefined ? null : JSON.stringify(e.detail),
    })
    .execute();
}

export async function listAudit(db: Db, orgId: number, limit = 100) {
  return db.kysely
    .selectFrom("audit_log")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
