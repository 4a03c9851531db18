import type { Insight } from "./insights.ts";

/**
 * The org-scope tactics without a customer to act on (seed 002 #26, #27, #30): pure detectors over
 * the org's own aggregates. Each returns a finding with its figures and a suggestion, or null when
 * the data does not support one (too little traffic, a gate closed). Never a message to a customer.
 */

/** One plan's activity over the detector's window. */
export interface PlanActivity {
  plan: string;
  /** Monthly list price. */
  price: number;
  live: number;
  /** Customers who signed up on the plan within the window. */
  newCustomers: number;
  /** Customers on the plan who churned within the window. */
  churned: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * New subscribers needed per arm to see a `delta` (absolute) difference in a rate near `p`, at 5%
 * two-sided significance and 80% power (normal approximation for two proportions).
 */
export function samplePerArm(p: number, delta: number): number {
  const q = Math.min(Math.max(p, 0.01), 0.99);
  const z = 1.96 + 0.8416;
  return Math.ceil((2 * z * z * q * (1 - q)) / (delta * delta));
}

/**
 * Seed 002 #26: the plan most worth a price test is the one priced inside the dead zone with the
 * most new subscribers (existing subscribers are never repriced); the finding states the window's
 * churn on that plan, a variant outside the zone, and how long a cycle takes at the plan's traffic.
 * No finding when no plan has enough new subscribers for a cycle within a year.
 */
export function priceTestCandidate(
  plans: readonly PlanActivity[],
  p: { deadZoneLow: number; deadZoneHigh: number; windowDays: number },
): Insight | null {
  const inZone = plans.filter(
    (x) => x.price >= p.deadZoneLow && x.price <= p.deadZoneHigh && x.newCustomers > 0,
  );
  const pick = [...inZone].sort((a, b) => b.newCustomers - a.newCustomers)[0];
  if (!pick) return null;
  const base = pick.live + pick.churned;
  const churnRate = base > 0 ? pick.churned / base : 0;
  const perArm = samplePerArm(churnRate, 0.05);
  const perDay = pick.newCustomers / p.windowDays;
  const cycleDays = Math.ceil((2 * perArm) / perDay);
  if (cycleDays > 365) return null;
  const low = Math.max(1, Math.floor(p.deadZoneLow * 0.8));
  const high = Math.ceil(p.deadZoneHigh * 1.2);
  return {
    tactic: "price-testing",
    title: `Test ${pick.plan}'s $${pick.price} price with new subscribers`,
    figures: {
      plan: pick.plan,
      price: pick.price,
      new_subscribers: pick.newCustomers,
      window_days: p.windowDays,
      churn_pct: round1(churnRate * 100),
      per_arm: perArm,
      cycle_days: cycleDays,
    },
    suggestion: `Offer new sign-ups on ${pick.plan} $${low} or $${high} (outside the $${p.deadZoneLow}-$${p.deadZoneHigh} dead zone) against today's $${pick.price}; existing subscribers keep their price. At ${pick.newCustomers} new subscribers per ${p.windowDays} days a cycle needs about ${cycleDays} days (${perArm} per arm to see 5 points of churn).`,
    open: true,
  };
}

/**
 * Seed 002 #27 on the org's own catalog (Holdfast holds no peer benchmark, so it never compares
 * with peers, as the peer-floor guardrail requires): tiers too close to tell apart (less than 1.3x
 * apart), gaps too wide to climb (more than 3x), and tiers almost nobody chooses (under `minSharePct`
 * of live customers).
 */
export function planStructureFindings(
  plans: readonly PlanActivity[],
  p: { minSharePct: number },
): Insight | null {
  const priced = plans.filter((x) => x.price > 0).sort((a, b) => a.price - b.price);
  const live = plans.reduce((a, x) => a + x.live, 0);
  if (priced.length < 2 || live === 0) return null;
  const close: string[] = [];
  const wide: string[] = [];
  for (let i = 1; i < priced.length; i++) {
    const a = priced[i - 1]!;
    const b = priced[i]!;
    const ratio = b.price / a.price;
    if (ratio < 1.3) close.push(`${a.plan}→${b.plan} ${round1(ratio)}x`);
    if (ratio > 3) wide.push(`${a.plan}→${b.plan} ${round1(ratio)}x`);
  }
  const rare = priced.filter((x) => (x.live / live) * 100 < p.minSharePct).map((x) => x.plan);
  if (close.length + wide.length + rare.length === 0) return null;
  const parts: string[] = [];
  if (wide.length) parts.push(`add a step between tiers more than 3x apart (${wide.join(", ")})`);
  if (close.length) parts.push(`separate or merge tiers less than 1.3x apart (${close.join(", ")})`);
  if (rare.length) parts.push(`review tiers under ${p.minSharePct}% of customers (${rare.join(", ")})`);
  return {
    tactic: "plan-structure-review",
    title: `Plan catalog: ${close.length + wide.length + rare.length} structural finding(s)`,
    figures: {
      tiers: priced.length,
      prices: priced.map((x) => `${x.plan} $${x.price}`).join(", "),
      wide_gaps: wide.length,
      close_tiers: close.length,
      rare_tiers: rare.length,
      live_customers: live,
    },
    suggestion: `Own catalog only, no peer benchmark: ${parts.join("; ")}. Any change is the operator's; Holdfast never edits a plan.`,
    open: true,
  };
}

/** Pearson correlation; 0 when either series is flat. */
function correlation(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const ma = a.slice(0, n).reduce((s, x) => s + x, 0) / n;
  const mb = b.slice(0, n).reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    va += (a[i]! - ma) ** 2;
    vb += (b[i]! - mb) ** 2;
  }
  return va === 0 || vb === 0 ? 0 : num / Math.sqrt(va * vb);
}

/**
 * Seed 002 #30, gated: the last 24 whole months of new subscriptions (oldest first). The swing is
 * (peak month - trough month) / mean month over the last 12; the pattern recurs when the last 12
 * correlate with the 12 before at `minYoyCorrelation` or more. Both gates must pass (the library:
 * "only where the seasonal swing is large and recurs year over year"); the finding names the
 * trough months as candidate offer windows, declared in advance, peaks at full price.
 */
export function seasonalWindows(
  monthly: readonly { month: string; n: number }[],
  p: { minSwingPct: number; minYoyCorrelation: number },
): Insight | null {
  if (monthly.length < 24) return null;
  const last = monthly.slice(-12);
  const prev = monthly.slice(-24, -12);
  const counts = last.map((m) => m.n);
  const mean = counts.reduce((s, x) => s + x, 0) / 12;
  if (mean === 0) return null;
  const swing = ((Math.max(...counts) - Math.min(...counts)) / mean) * 100;
  const yoy = correlation(
    prev.map((m) => m.n),
    counts,
  );
  if (swing < p.minSwingPct || yoy < p.minYoyCorrelation) return null;
  const troughs = [...last]
    .sort((a, b) => a.n - b.n)
    .slice(0, 3)
    .map((m) => m.month.slice(5))
    .sort();
  const peak = [...last].sort((a, b) => b.n - a.n)[0]!.month.slice(5);
  return {
    tactic: "seasonal-demand-pricing",
    title: `New subscriptions swing ${Math.round(swing)}% over the year, recurring (r = ${yoy.toFixed(2)})`,
    figures: {
      swing_pct: Math.round(swing),
      yoy_correlation: Math.round(yoy * 100) / 100,
      trough_months: troughs.join(", "),
      peak_month: peak,
      mean_per_month: Math.round(mean),
    },
    suggestion: `Declare time-boxed offer windows for new subscribers in months ${troughs.join(", ")} (the troughs), visible before they open, within the offer bounds; hold full price at the peak (month ${peak}). Existing subscriptions are never repriced.`,
    open: true,
  };
}
