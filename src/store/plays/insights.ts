import type { Db } from "../open-store.ts";
import { q } from "./tables.ts";

/** Org-scope findings: one row per tactic, replaced by each tick's pass. */

export interface InsightRow {
  tactic: string;
  title: string;
  figures: string;
  suggestion: string;
  open: number;
  as_of: string;
  updated_at: string;
}

export async function saveInsight(db: Db, orgId: number, r: InsightRow): Promise<void> {
  await q(db)
    .insertInto("play_insights")
    .values({ org_id: orgId, ...r })
    .onConflict((oc) =>
      oc.columns(["org_id", "tactic"]).doUpdateSet({
        title: r.title,
        figures: r.figures,
        suggestion: r.suggestion,
        open: r.open,
        as_of: r.as_of,
        updated_at: r.updated_at,
      }),
    )
    .execute();
}

export async function listInsights(db: Db, orgId: number): Promise<InsightRow[]> {
  const rows = await q(db)
    .selectFrom("play_insights")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("tactic")
    .execute();
  return rows.map(({ org_id: _, ...r }) => ({ ...r, open: Number(r.open) }));
}

export async function insightOpen(db: Db, orgId: number, tactic: string): Promise<boolean> {
  const r = await q(db)
    .selectFrom("play_insights")
    .select("open")
    .where("org_id", "=", orgId)
    .where("tactic", "=", tactic)
    .executeTakeFirst();
  return r ? Number(r.open) === 1 : false;
}
