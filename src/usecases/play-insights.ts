import { CATALOG } from "../core/plays/catalog/index.ts";
import { type PlaysConfig, resolveTactic } from "../core/plays/config.ts";
import { deadZoneExposure, type Insight, revenueConcentration } from "../core/plays/insights.ts";
import { planStructureFindings, priceTestCandidate, seasonalWindows } from "../core/plays/org-detectors.ts";
import { addDaysTo } from "../core/plays/time.ts";
import { type PlanFact, revenueByPlan } from "../store/plays/context-facts.ts";
import { insightOpen } from "../store/plays/insights.ts";
import { monthlySignups, planActivity } from "../store/plays/org-activity.ts";
import type { UseCaseContext } from "./context.ts";

/** The window the price-testing detector reads (its trigger runs every 90 days). */
const PRICE_WINDOW_DAYS = 90;

/** The last 24 whole calendar months before `now`, oldest first (YYYY-MM). */
function lastMonths(now: Date, n: number): string[] {
  const out: string[] = [];
  for (let i = n; i >= 1; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** Org-scope tactics: findings with the org's own figures (never a customer message). */
export async function orgInsights(
  ctx: UseCaseContext,
  orgId: number,
  config: PlaysConfig,
  plans: readonly PlanFact[],
  now: Date,
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
    if (t.slug === "price-testing" || t.slug === "plan-structure-review") {
      const from = addDaysTo(now, -PRICE_WINDOW_DAYS).toISOString().slice(0, 10);
      const activity = (await planActivity(ctx.db, orgId, from)).map((a) => ({
        ...a,
        price: price.get(a.plan) ?? 0,
      }));
      i =
        t.slug === "price-testing"
          ? priceTestCandidate(activity, {
              deadZoneLow: r.params.deadZoneLow!,
              deadZoneHigh: r.params.deadZoneHigh!,
              windowDays: PRICE_WINDOW_DAYS,
            })
          : planStructureFindings(activity, { minSharePct: r.params.minSharePct! });
    }
    if (t.slug === "seasonal-demand-pricing") {
      const months = lastMonths(now, 24);
      const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
      const counts = await monthlySignups(ctx.db, orgId, `${months[0]}-01`, to);
      i = seasonalWindows(
        months.map((m) => ({ month: m, n: counts.get(m) ?? 0 })),
        { minSwingPct: r.params.minSwingPct!, minYoyCorrelation: r.params.minYoyCorrelation! },
      );
    }
    if (i) out.push(i);
  }
  return out;
}
