import type { Db } from "./open-store.ts";

export interface ImportRecord {
  kind: string;
  source: string;
  grain: string | null;
  status: "imported" | "unchanged" | "refused";
  startedAt: Date;
  finishedAt: Date;
  counts?: unknown;
  errors?: readonly string[];
  errorCount: number;
}

/** Keeps the history of imports, refused ones included (their data was not written). */
export async function recordImport(db: Db, orgId: number, r: ImportRecord): Promise<number> {
  const row = await db.kysely
    .insertInto("imports")
    .values({
      org_id: orgId,
      kind: r.kind,
      source: r.source,
      grain: r.grain,
      status: r.status,
      started_at: r.startedAt.toISOString(),
      finished_at: r.finishedAt.toISOString(),
      counts: r.counts === undefined ? null : JSON.stringify(r.counts),
      errors: r.errors ? JSON.stringify(r.errors) : null,
      error_count: r.errorCount,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listImports(db: Db, orgId: number, limit = 50) {
  return db.kysely
    .selectFrom("imports")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
