import { CATALOG } from "../core/plays/catalog/index.ts";
import { type PlaysConfig, resolveTactic } from "../core/plays/config.ts";
import { deadZoneExposure, type Insight, revenueConcentration } from "../core/plays/insights.ts";
import { type PlanFact, revenueByPlan } from "../store/plays/context-facts.ts";
import { insightOpen } from "../store/plays/insights.ts";
import type { UseCaseContext } from "./context.ts";

/** Org-scope tactics: findings with the org's own figures (never a customer message). */
export async function orgInsights(
  ctx: UseCaseContext,
  orgId: number,
  config: PlaysConfig,
  plans: readonly PlanFact[],
): Promise<Insight[]> {
  const price = new Map(plans.map((p) => [p.tier, p.price ?? 0]));
  const revenue = (await revenueByPlan(ctx.db, orgId)).map((r) => ({ ...r, price: price.get(r.plan) ?? 0 }));
  const out: Insight[] = [];
  for (const t of CATALOG) {
    if (t.scope !== "org") continue;
    const r = resolveTactic(config, t);
    if (!r.enabled || r.missing.length > 0) continue;
    let i: Insight | null = null;
    if (t.slug === "revenue-concentration-alert")
      i = revenueConcentration(
        revenue,
        { sharePct: r.params.sharePct!, clearPct: r.params.clearPct!, revenueFloor: r.params.revenueFloor! },
        await insightOpen(ctx.db, orgId, t.slug),
      );
    if (t.slug === "right-plan-recommendations")
      i = deadZoneExposure(revenue, {
        deadZoneLow: r.params.deadZoneLow!,
        deadZoneHigh: r.params.deadZoneHigh!,
      });
    if (i) out.push(i);
  }
  return out;
}
