/**
 * A customer's status as of a day, the one truth the list, brief, lifecycle stage, reports and
 * drafts read (docs/status.md says how each status is derived and why).
 */

export const CUSTOMER_STATUSES = ["active", "trialing", "paused", "past_due", "churned"] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** Words for each status (the dashboard never shows a raw key). */
export const STATUS_LABELS: Record<CustomerStatus, string> = {
  active: "Active",
  trialing: "Trialing",
  paused: "Paused",
  past_due: "Past due",
  churned: "Churned",
};

/** One subscription as the store keeps it (status null: an import that did not say). */
export interface StatusSubscription {
  start: string;
  end: string | null;
  status: string | null;
  trialEnd: string | null;
  pausedOn: string | null;
  isTrial: boolean;
  arr: number;
}

/** One churn event of the customer's account (RavenStack's churn_events, or a cancellation). */
export interface StatusChurnEvent {
  day: string;
  reason: string | null;
  /** The account came back after this churn: the event explains no current churn. */
  isReactivation: boolean;
}

export interface StatusResult {
  status: CustomerStatus;
  /** Churned only: the day the last subscription ended. */
  churnDate: string | null;
  /** Churned only: the reason code of the account's churn event for that churn, if any. */
  churnReason: string | null;
  /** Churned only: the ARR of the subscriptions that ended on the churn date (else the customer's). */
  lostArr: number | null;
}

type OpenStatus = Exclude<CustomerStatus, "churned">;

/** The status an open subscription had on `asOf` (the stored one is the latest; never a later change). */
function openStatus(s: StatusSubscription, asOf: string): OpenStatus {
  if (s.trialEnd !== null && s.trialEnd > asOf) return "trialing";
  switch (s.status) {
    case "paused":
      return s.pausedOn !== null && s.pausedOn <= asOf ? "paused" : "active";
    case "past_due":
      return "past_due";
    case "trialing":
      return "trialing";
    case "active":
      return "active";
    case null:
      // Imports do not say: their trial flag does.
      return s.isTrial ? "trialing" : "active";
    default:
      // Canceled later than asOf (or unknown): it was running then.
      return "active";
  }
}

/** Among open subscriptions, the one that speaks for the customer: trouble first, then paying. */
const PRECEDENCE: readonly OpenStatus[] = ["past_due", "active", "trialing", "paused"];

/** When a subscription ended, if it had by `asOf` (a cancellation without a date ended when it began). */
function endedOn(s: StatusSubscription, asOf: string): string | null {
  if (s.end !== null) return s.end <= asOf ? s.end : null;
  return s.status === "canceled" ? s.start : null;
}

/**
 * The customer's status on `asOf` (pure). Subscriptions that start after `asOf` do not count.
 * Churned: no subscription open on `asOf` and at least one ended on or before it; the churn date
 * is the last end, lost ARR the ARR of the subscriptions that ended that day (the customer's ARR
 * when they carry none), the reason that of the account's churn event nearest the churn date
 * (on or before `asOf`, earlier on ties) among those not followed by a reactivation.
 * Otherwise the open subscriptions decide (past_due, then active, trialing, paused); a customer
 * with no subscription yet is trialing when flagged as on trial, else active.
 */
export function customerStatus(
  subs: readonly StatusSubscription[],
  events: readonly StatusChurnEvent[],
  customer: { arr: number; isTrial: boolean },
  asOf: string,
): StatusResult {
  const open: OpenStatus[] = [];
  let churnDate: string | null = null;
  for (const s of subs) {
    if (s.start > asOf) continue;
    const end = endedOn(s, asOf);
    if (end === null) open.push(openStatus(s, asOf));
    else if (churnDate === null || end > churnDate) churnDate = end;
  }
  if (open.length > 0) {
    const status = PRECEDENCE.find((p) => open.includes(p)) ?? "active";
    return { status, churnDate: null, churnReason: null, lostArr: null };
  }
  if (churnDate === null) {
    return {
      status: customer.isTrial ? "trialing" : "active",
      churnDate: null,
      churnReason: null,
      lostArr: null,
    };
  }
  let lost = 0;
  for (const s of subs) if (s.start <= asOf && endedOn(s, asOf) === churnDate) lost += s.arr;
  return {
    status: "churned",
    churnDate,
    churnReason: churnReasonFor(events, churnDate, asOf),
    lostArr: lost > 0 ? lost : customer.arr,
  };
}

/** The reason of the churn event that explains a churn on `churnDate` (see customerStatus). */
function churnReasonFor(events: readonly StatusChurnEvent[], churnDate: string, asOf: string): string | null {
  const at = Date.parse(churnDate);
  let best: StatusChurnEvent | null = null;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const e of events) {
    if (e.isReactivation || e.day > asOf) continue;
    const gap = Math.abs(Date.parse(e.day) - at);
    if (gap < bestGap || (gap === bestGap && best !== null && e.day < best.day)) {
      best = e;
      bestGap = gap;
    }
  }
  return best?.reason ?? null;
}
