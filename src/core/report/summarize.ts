import type { ReasonKind } from "../early-warning/config.ts";
import type { EarlyWarningResult, RiskLevel } from "../early-warning/score.ts";

/** One scored customer, as the report needs it. */
export interface ScoredCustomer {
  customerId: string;
  ordinal: number;
  planTier: string | null;
  arr: number;
  churned: boolean;
  result: Pick<EarlyWarningResult, "score" | "level" | "reasons">;
}

/** How the seed's report names itself (not an anchor key: the anchor comparison ignores it). */
export const SEED_REPORT_LABEL =
  "Seed 004 early-warning report: every customer, live or churned; churn_rate_label is RavenStack's churn label (churn_flag / churn events), not the customer status";

export interface EarlyWarningReport {
  /** The seed's report, labelled as such (the live book is GET /v1/reports/executive). */
  report: string;
  as_of: { usage_end: string; tickets_end: string };
  customers: number;
  churn_rate_label: number;
  high_risk_share: number;
  avg_arr: number;
  total_arr: number;
  arr_at_risk: number;
  risk_by_plan_tier: Record<string, number>;
  level_counts: Partial<Record<RiskLevel, number>>;
  churn_reasons: Record<string, number>;
  top10: [string, number, RiskLevel][];
  drivers: Partial<Record<ReasonKind, number>>;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** Highest risk first; ties by ARR (highest first), then by the order customers were imported. */
export function compareRisk(a: ScoredCustomer, b: ScoredCustomer): number {
  return b.result.score - a.result.score || b.arr - a.arr || a.ordinal - b.ordinal;
}

/** The k first items by `cmp`, in order, in one pass (sorting 500k rows for ten is wasteful). */
export function topK<T>(items: readonly T[], k: number, cmp: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  for (const item of items) {
    if (top.length === k && cmp(item, top[k - 1]!) >= 0) continue;
    let i = top.length === k ? k - 1 : top.length;
    while (i > 0 && cmp(item, top[i - 1]!) < 0) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = item;
  }
  return top;
}

/**
 * The Executive and Drivers figures (seed 004) from scored customers. Keys and rounding follow
 * the reference anchor so the two can be compared key by key.
 */
export function summarizeEarlyWarning(
  rows: readonly ScoredCustomer[],
  churnReasons: Record<string, number>,
  asOf: { usageEnd: string; ticketEnd: string },
): EarlyWarningReport {
  const n = rows.length;
  let churned = 0;
  let high = 0;
  let totalArr = 0;
  let arrAtRisk = 0;
  const tiers = new Map<string, { sum: number; n: number }>();
  const levels: Partial<Record<RiskLevel, number>> = {};
  const drivers: Partial<Record<ReasonKind, number>> = {};
  for (const r of rows) {
    if (r.churned) churned++;
    if (r.result.level === "High") high++;
    totalArr += r.arr;
    if (r.result.level !== "Low") arrAtRisk += r.arr;
    levels[r.result.level] = (levels[r.result.level] ?? 0) + 1;
    const tier = r.planTier ?? "(none)";
    const t = tiers.get(tier) ?? { sum: 0, n: 0 };
    t.sum += r.result.score;
    t.n++;
    tiers.set(tier, t);
    for (const kind of new Set(r.result.reasons.map((x) => x.kind))) drivers[kind] = (drivers[kind] ?? 0) + 1;
  }
  const top10 = topK(rows, 10, compareRisk).map(
    (r) => [r.customerId, r.result.score, r.result.level] as [string, number, RiskLevel],
  );
  return {
    report: SEED_REPORT_LABEL,
    as_of: { usage_end: asOf.usageEnd, tickets_end: asOf.ticketEnd },
    customers: n,
    churn_rate_label: n ? round(churned / n, 4) : 0,
    high_risk_share: n ? round(high / n, 4) : 0,
    avg_arr: n ? round(totalArr / n, 2) : 0,
    total_arr: totalArr,
    arr_at_risk: arrAtRisk,
    risk_by_plan_tier: Object.fromEntries(
      [...tiers.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, round(v.sum / v.n, 4)]),
    ),
    level_counts: levels,
    churn_reasons: churnReasons,
    top10,
    drivers,
  };
}
