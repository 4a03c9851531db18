/**
 * Operator insights from org-scope tactics: a finding with the org's own figures and a
 * suggested change, listed on the Plays page, never a message to a customer. Pure detectors
 * over aggregates the tick loads (plan revenue, plan prices).
 */

export interface Insight {
  tactic: string;
  title: string;
  figures: Record<string, number | string>;
  suggestion: string;
  /** Still raised (false once the finding clears): the store keeps one open insight per tactic. */
  open: boolean;
}

export interface PlanRevenue {
  plan: string;
  mrr: number;
  customers: number;
  /** Monthly list price of the plan. */
  price: number;
}

const pct = (x: number) => Math.round(x * 1000) / 10;

/**
 * Seed 002 #29: one plan above `sharePct` of revenue raises the flag; it clears only below
 * `clearPct` (the clearance gap), so a portfolio at the line is not warned every month. No flag
 * below the revenue floor. `wasOpen` is the flag's state after the previous pass.
 */
export function revenueConcentration(
  plans: readonly PlanRevenue[],
  p: { sharePct: number; clearPct: number; revenueFloor: number },
  wasOpen: boolean,
): Insight | null {
  const total = plans.reduce((a, x) => a + x.mrr, 0);
  if (total < p.revenueFloor || plans.length === 0) return null;
  const top = [...plans].sort((a, b) => b.mrr - a.mrr)[0]!;
  const share = (top.mrr / total) * 100;
  const open = wasOpen ? share >= p.clearPct : share >= p.sharePct;
  if (!open && !wasOpen) return null;
  return {
    tactic: "revenue-concentration-alert",
    title: open
      ? `${top.plan} carries ${pct(share / 100)}% of revenue`
      : `Revenue concentration cleared (${top.plan} at ${pct(share / 100)}%)`,
    figures: {
      plan: top.plan,
      share_pct: pct(share / 100),
      total_mrr: Math.round(total),
      plans: plans.length,
    },
    suggestion: open
      ? `Review the plan mix: customers on ${top.plan} whose usage fits another tier, and gaps (entry or mid tier) that funnel revenue onto one plan.`
      : "No action: the top plan's share fell below the clearance line.",
    open,
  };
}

/**
 * Seed 002 #23 and #26 at catalog level: plans priced in the dead zone (default $50-$100 a
 * month, where the library measures 88 percent churn) and the customers on them.
 */
export function deadZoneExposure(
  plans: readonly PlanRevenue[],
  p: { deadZoneLow: number; deadZoneHigh: number },
): Insight | null {
  const inZone = plans.filter((x) => x.price >= p.deadZoneLow && x.price <= p.deadZoneHigh);
  const customers = plans.reduce((a, x) => a + x.customers, 0);
  if (inZone.length === 0 || customers === 0) return null;
  const exposed = inZone.reduce((a, x) => a + x.customers, 0);
  return {
    tactic: "right-plan-recommendations",
    title: `${inZone.length} plan(s) priced in the $${p.deadZoneLow}-$${p.deadZoneHigh} dead zone`,
    figures: {
      plans: inZone.map((x) => x.plan).join(", "),
      customers: exposed,
      share_pct: pct(exposed / customers),
    },
    suggestion:
      "Compare each customer's closest-fit tier with their plan and consider moving the dead-zone price out of the band for new customers only.",
    open: true,
  };
}
