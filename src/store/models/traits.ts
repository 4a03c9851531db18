import type { Db } from "../open-store.ts";

/** Every customer's custom traits (parsed; null when none), for the models' trait columns. */
export async function allTraits(db: Db, orgId: number): Promise<(Record<string, unknown> | null)[]> {
  const rows = await db.kysely.selectFrom("customers").select("traits").where("org_id", "=", orgId).execute();
  return rows.map((r) => {
    if (!r.traits) return null;
    const v = JSON.parse(r.traits) as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  });
}
