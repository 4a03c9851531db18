import type { CrmFacts } from "../../core/delivery/crm.ts";
import type { Db } from "../open-store.ts";
import { chunks } from "../plays/tables.ts";
import { dq } from "./tables.ts";

/**
 * Customers' CRM facts: name, owner, tier, ARR, status, health and churn risk (score and
 * level), and the last play started. `ids` null: every customer of the org, in id order.
 */
export async function crmFacts(db: Db, orgId: number, ids: readonly string[] | null): Promise<CrmFacts[]> {
  const k = dq(db);
  let cq = k
    .selectFrom("customers")
    .select(["id", "account_id", "account_name", "name", "owner", "plan_tier", "arr", "status"])
    .where("org_id", "=", orgId)
    .orderBy("id");
  if (ids) cq = cq.where("id", "in", ids.length > 0 ? [...ids] : [""]);
  const customers = await cq.execute();
  const scores = new Map<string, { score: number | null; level: string }>();
  const plays = new Map<string, { tactic: string; at: string }>();
  const all = customers.map((c) => c.id);
  for (const c of chunks(all, ids ? 500 : 5_000)) {
    const inList = ids ? c : null;
    let sq = k
      .selectFrom("scores")
      .select(["customer_id", "kind", "score", "level"])
      .where("org_id", "=", orgId)
      .where("kind", "in", ["health", "churn_risk"]);
    if (inList) sq = sq.where("customer_id", "in", inList);
    for (const s of await sq.execute())
      scores.set(`${s.kind}:${s.customer_id}`, {
        score: s.score === null ? null : Number(s.score),
        level: s.level,
      });
    let pq = k
      .selectFrom("play_runs")
      .select(["customer_id", "tactic", "started_at"])
      .where("org_id", "=", orgId);
    if (inList) pq = pq.where("customer_id", "in", inList);
    for (const p of await pq.execute()) {
      const prev = plays.get(p.customer_id);
      if (!prev || p.started_at > prev.at) plays.set(p.customer_id, { tactic: p.tactic, at: p.started_at });
    }
    if (!ids) break; // one pass read every customer's rows
  }
  return customers.map((c) => {
    const h = scores.get(`health:${c.id}`);
    const r = scores.get(`churn_risk:${c.id}`);
    const p = plays.get(c.id);
    return {
      customerId: c.id,
      accountId: c.account_id,
      name: c.name ?? c.account_name ?? c.id,
      owner: c.owner,
      tier: c.plan_tier,
      arr: Number(c.arr),
      status: c.status,
      healthScore: h?.score ?? null,
      healthLevel: h?.level ?? null,
      churnRiskScore: r?.score ?? null,
      churnRiskLevel: r?.level ?? null,
      lastPlay: p?.tactic ?? null,
      lastPlayAt: p?.at ?? null,
    };
  });
}
