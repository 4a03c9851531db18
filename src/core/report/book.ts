import {
  filterLabel,
  HEADLINE_DRIVERS,
  HEADLINE_LEVELS,
  type HeadlineKind,
} from "../customers/list-filters.ts";
import { CUSTOMER_STATUSES, STATUS_LABELS } from "../customers/status.ts";
import { addDays } from "../util/dates.ts";

/**
 * The live book and the lost business (issue 18): pure summaries of the figures the store
 * aggregates, with every key given in words. The seed's anchor report stays in summarize.ts.
 */

export const HEADLINE_LABELS: Record<HeadlineKind, string> = {
  churn_risk: "Churn risk",
  early_warning: "Early warning",
};

/** The headline levels whose customers' ARR is "at risk" (high or critical; early warning: High). */
export const AT_RISK_LEVELS: Record<HeadlineKind, readonly string[]> = {
  churn_risk: ["critical", "high"],
  early_warning: ["High"],
};

export interface Labelled {
  key: string;
  label: string;
}

export interface CountArr extends Labelled {
  customers: number;
  arr: number;
}

/** One aggregated row: customers and ARR for a key (a level, a status, a reason). */
export interface KeyRow {
  key: string | null;
  customers: number;
  arr: number;
}

const round2 = (x: number) => Number(x.toFixed(2));

/** A level in words: "high" -> "High", "unscored" -> "Not scored". */
export function levelLabel(level: string): string {
  return level === "unscored" ? "Not scored" : filterLabel(level);
}

/** A churn reason code in words (null: no reason recorded). */
export function reasonLabel(reason: string | null): string {
  return reason === null || reason === "" ? "No reason given" : filterLabel(reason);
}

/**
 * The live book's levels: every level of the headline score (highest risk first, zeros kept),
 * then any other stored level (unscored), each with its customers and ARR.
 */
export function bookLevels(kind: HeadlineKind, rows: readonly KeyRow[]): CountArr[] {
  const byKey = new Map<string, KeyRow>();
  for (const r of rows) byKey.set(r.key ?? "unscored", r);
  const keys = [
    ...HEADLINE_LEVELS[kind],
    ...[...byKey.keys()].filter((k) => !HEADLINE_LEVELS[kind].includes(k)).sort(),
  ];
  return keys.map((key) => ({
    key,
    label: levelLabel(key),
    customers: byKey.get(key)?.customers ?? 0,
    arr: round2(byKey.get(key)?.arr ?? 0),
  }));
}

/** Every status (zeros kept) with customers and ARR; customers not yet given one count as active. */
export function bookStatuses(rows: readonly KeyRow[]): CountArr[] {
  const byKey = new Map<string, { customers: number; arr: number }>();
  for (const r of rows) {
    const key = r.key ?? "active";
    const at = byKey.get(key) ?? { customers: 0, arr: 0 };
    at.customers += r.customers;
    at.arr += r.arr;
    byKey.set(key, at);
  }
  return CUSTOMER_STATUSES.map((key) => ({
    key,
    label: STATUS_LABELS[key],
    customers: byKey.get(key)?.customers ?? 0,
    arr: round2(byKey.get(key)?.arr ?? 0),
  }));
}

/** The headline score's drivers: customers per reason kind, in the order the list filter knows them. */
export function bookDrivers(
  kind: HeadlineKind,
  counts: Readonly<Record<string, number>>,
): (Labelled & { customers: number })[] {
  return HEADLINE_DRIVERS[kind].map((key) => ({ key, label: filterLabel(key), customers: counts[key] ?? 0 }));
}

/** The lost-business period: the 12 months up to the as-of day (from the day after a year before). */
export function lostPeriod(asOf: string): { from: string; to: string } {
  const y = Number(asOf.slice(0, 4));
  const yearBefore = `${y - 1}${asOf.slice(4)}`;
  // 29 February a year back does not exist: the day after 28 February.
  const safe = yearBefore.endsWith("-02-29") ? `${y - 1}-02-28` : yearBefore;
  return { from: addDays(safe, 1), to: asOf };
}

/** The months of a period, oldest first ("YYYY-MM"). */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push(key);
    if (key >= endKey) return out;
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
}

export interface LostBusiness {
  from: string;
  to: string;
  customers: number;
  arr: number;
  by_reason: CountArr[];
  by_month: { month: string; customers: number; arr: number }[];
}

/** Churned customers and the ARR they took, in the period, by reason (most ARR first) and by month. */
export function summarizeLost(
  period: { from: string; to: string },
  byReason: readonly KeyRow[],
  byMonth: readonly KeyRow[],
): LostBusiness {
  const reasons = new Map<string, { customers: number; arr: number }>();
  for (const r of byReason) {
    const key = r.key === null || r.key === "" ? "none" : r.key;
    const at = reasons.get(key) ?? { customers: 0, arr: 0 };
    at.customers += r.customers;
    at.arr += r.arr;
    reasons.set(key, at);
  }
  const months = new Map(byMonth.map((r) => [r.key ?? "", r]));
  let customers = 0;
  let arr = 0;
  for (const r of reasons.values()) {
    customers += r.customers;
    arr += r.arr;
  }
  return {
    ...period,
    customers,
    arr: round2(arr),
    by_reason: [...reasons.entries()]
      .map(([key, r]) => ({
        key,
        label: key === "none" ? reasonLabel(null) : reasonLabel(key),
        customers: r.customers,
        arr: round2(r.arr),
      }))
      .sort((a, b) => b.arr - a.arr || b.customers - a.customers || a.key.localeCompare(b.key)),
    by_month: monthsOf(period.from, period.to).map((month) => ({
      month,
      customers: months.get(month)?.customers ?? 0,
      arr: round2(months.get(month)?.arr ?? 0),
    })),
  };
}
