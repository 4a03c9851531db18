/**
 * Monthly revenue retention from subscription spans. Pure: the as-of day is a parameter.
 *
 * A customer's MRR on a day is the sum of the MRR of its subscriptions active that day
 * (start_date <= day and (end_date null or end_date > day)). Each calendar month compares every
 * customer's MRR on the month's first day (start) with its MRR on the next month's first day
 * (end; for the month of the as-of day, on the as-of day itself, and the month is `complete: false`):
 *   start 0, end > 0        new MRR (end), reactivations included
 *   end > start > 0         expansion (end - start)
 *   0 < end < start         contraction (start - end)
 *   start > 0, end 0        churned MRR (start) and one churned logo
 * Gross revenue retention = (start - contraction - churned) / start; net = (start + expansion -
 * contraction - churned) / start; logo churn = churned customers / customers at start (null when
 * nobody had MRR at the start). Ending MRR = start + new + expansion - contraction - churned.
 */

export interface SubscriptionSpan {
  customerId: string;
  startDate: string;
  endDate: string | null;
  mrr: number;
}

export interface RetentionMonth {
  /** YYYY-MM */
  month: string;
  start_day: string;
  end_day: string;
  complete: boolean;
  customers_start: number;
  customers_end: number;
  starting_mrr: number;
  new_mrr: number;
  expansion_mrr: number;
  contraction_mrr: number;
  churned_mrr: number;
  ending_mrr: number;
  churned_customers: number;
  gross_revenue_retention: number | null;
  net_revenue_retention: number | null;
  logo_churn: number | null;
  starting_arr: number;
  new_arr: number;
  expansion_arr: number;
  contraction_arr: number;
  churned_arr: number;
  ending_arr: number;
}

export const activeOn = (s: SubscriptionSpan, day: string): boolean =>
  s.startDate <= day && (s.endDate === null || s.endDate > day);

const pad = (n: number) => String(n).padStart(2, "0");
const monthStart = (year: number, month0: number): string => {
  const d = new Date(Date.UTC(year, month0, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
};

/** The first day of each of the `months` calendar months up to and including the as-of day's. */
export function monthStarts(asOf: string, months: number): string[] {
  const [y, m] = asOf.split("-").map(Number) as [number, number];
  return Array.from({ length: months }, (_, i) => monthStart(y, m - 1 - (months - 1 - i)));
}

/** The index of the first of the sorted `days` on or after `day` (days.length when none). */
function firstAtOrAfter(days: readonly string[], day: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const ratio = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

/** The retention figures of the last `months` calendar months up to `asOf`, oldest first. */
export function revenueRetention(
  spans: readonly SubscriptionSpan[],
  asOf: string,
  months = 12,
): RetentionMonth[] {
  const starts = monthStarts(asOf, months);
  const boundaries = starts.map((s, i) => {
    const next = starts[i + 1] ?? monthStart(Number(s.slice(0, 4)), Number(s.slice(5, 7)));
    return next <= asOf ? { start: s, end: next, complete: true } : { start: s, end: asOf, complete: false };
  });
  const days = [...new Set(boundaries.flatMap((b) => [b.start, b.end]))].sort();
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  // MRR per customer on each boundary day, in one flat array (customer-major): a span is
  // active on the boundary days from the first >= its start to the last before its end.
  const customerIndex = new Map<string, number>();
  for (const s of spans)
    if (!customerIndex.has(s.customerId)) customerIndex.set(s.customerId, customerIndex.size);
  const width = days.length;
  const mrrAt = new Float64Array(customerIndex.size * width);
  for (const s of spans) {
    const base = customerIndex.get(s.customerId)! * width;
    for (
      let i = firstAtOrAfter(days, s.startDate);
      i < width && (s.endDate === null || days[i]! < s.endDate);
      i++
    )
      mrrAt[base + i]! += s.mrr;
  }
  return boundaries.map(({ start, end, complete }) => {
    let customersStart = 0;
    let customersEnd = 0;
    let startMrr = 0;
    let newMrr = 0;
    let expansion = 0;
    let contraction = 0;
    let churned = 0;
    let churnedCustomers = 0;
    const si = dayIndex.get(start)!;
    const ei = dayIndex.get(end)!;
    for (let base = 0; base < mrrAt.length; base += width) {
      const a = mrrAt[base + si]!;
      const b = mrrAt[base + ei]!;
      if (a > 0) customersStart += 1;
      if (b > 0) customersEnd += 1;
      startMrr += a;
      if (a <= 0 && b > 0) newMrr += b;
      else if (a > 0 && b <= 0) {
        churned += a;
        churnedCustomers += 1;
      } else if (b > a) expansion += b - a;
      else if (b < a) contraction += a - b;
    }
    const ending = startMrr + newMrr + expansion - contraction - churned;
    return {
      month: start.slice(0, 7),
      start_day: start,
      end_day: end,
      complete,
      customers_start: customersStart,
      customers_end: customersEnd,
      starting_mrr: round2(startMrr),
      new_mrr: round2(newMrr),
      expansion_mrr: round2(expansion),
      contraction_mrr: round2(contraction),
      churned_mrr: round2(churned),
      ending_mrr: round2(ending),
      churned_customers: churnedCustomers,
      gross_revenue_retention: ratio(startMrr - contraction - churned, startMrr),
      net_revenue_retention: ratio(startMrr + expansion - contraction - churned, startMrr),
      logo_churn: ratio(churnedCustomers, customersStart),
      starting_arr: round2(startMrr * 12),
      new_arr: round2(newMrr * 12),
      expansion_arr: round2(expansion * 12),
      contraction_arr: round2(contraction * 12),
      churned_arr: round2(churned * 12),
      ending_arr: round2(ending * 12),
    };
  });
}
