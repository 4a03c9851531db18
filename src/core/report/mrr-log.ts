import type { SubscriptionSpan } from "./revenue-retention.ts";

/**
 * The MRR change log: each move of a customer's live MRR (the MRR of its open subscriptions).
 * Pure. Retention reads the log as spans of constant MRR (`spansFromMrrLog`), so the monthly
 * figures (core/report/revenue-retention.ts) see expansion and contraction, not only starts and ends.
 */

export const MRR_CAUSES = ["new", "expansion", "contraction", "churn", "reactivation"] as const;
export type MrrCause = (typeof MRR_CAUSES)[number];

export interface MrrChange {
  customerId: string;
  /** YYYY-MM-DD */
  at: string;
  /** Orders a customer's moves within one day. */
  ord: number;
  fromMrr: number;
  toMrr: number;
  cause: MrrCause;
}

/**
 * Why the MRR moved: from nothing, new (or a reactivation when the customer paid before); to
 * nothing, churn; else expansion or contraction. Null when it did not move.
 */
export function mrrCause(from: number, to: number, paidBefore: boolean): MrrCause | null {
  if (from === to) return null;
  if (from <= 0) return to > 0 ? (paidBefore ? "reactivation" : "new") : null;
  if (to <= 0) return "churn";
  return to > from ? "expansion" : "contraction";
}

/** A subscription span as stored (what an import gives: start, end and MRR). */
export interface SpanRow {
  customerId: string;
  startDate: string;
  endDate: string | null;
  mrr: number;
}

/**
 * The log of a set of customers rebuilt from their subscription spans (an import's history): on
 * each day a subscription starts or ends, the customer's live MRR is the sum of the spans active
 * that day (start <= day < end), and every move is one change.
 */
export function mrrLogFromSpans(spans: readonly SpanRow[]): MrrChange[] {
  const byCustomer = new Map<string, SpanRow[]>();
  for (const s of spans) {
    if (!(s.mrr > 0)) continue;
    const list = byCustomer.get(s.customerId);
    if (list) list.push(s);
    else byCustomer.set(s.customerId, [s]);
  }
  const out: MrrChange[] = [];
  for (const [customerId, list] of [...byCustomer].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const delta = new Map<string, number>();
    for (const s of list) {
      if (s.endDate !== null && s.endDate <= s.startDate) continue;
      delta.set(s.startDate, (delta.get(s.startDate) ?? 0) + s.mrr);
      if (s.endDate !== null) delta.set(s.endDate, (delta.get(s.endDate) ?? 0) - s.mrr);
    }
    let live = 0;
    let paid = false;
    let ord = 0;
    for (const day of [...delta.keys()].sort()) {
      const next = Math.max(0, Math.round((live + delta.get(day)!) * 100) / 100);
      const cause = mrrCause(live, next, paid);
      if (cause) out.push({ customerId, at: day, ord: ord++, fromMrr: live, toMrr: next, cause });
      if (next > 0) paid = true;
      live = next;
    }
  }
  return out;
}

/** The log as spans of constant MRR per customer (a move on day D starts a new span on D). */
export function spansFromMrrLog(log: readonly MrrChange[]): SubscriptionSpan[] {
  const sorted = [...log].sort(
    (a, b) =>
      (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0) ||
      (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) ||
      a.ord - b.ord,
  );
  const out: SubscriptionSpan[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i]!;
    const next = sorted[i + 1];
    const end = next && next.customerId === c.customerId ? next.at : null;
    // Several moves on one day: only the day's last MRR holds (an empty span is never active).
    if (c.toMrr > 0 && (end === null || end > c.at))
      out.push({ customerId: c.customerId, startDate: c.at, endDate: end, mrr: c.toMrr });
  }
  return out;
}
