/**
 * Renewal dates of subscriptions. Pure: the as-of day is a parameter.
 *
 * What "renewal" means for each subscription, as of a day D (YYYY-MM-DD):
 *   canceled (status)            none: a canceled subscription does not renew.
 *   end date on or before D      none: the subscription has ended (it is active on a day only
 *                                while start <= day < end).
 *   end date after D             "contract_end" on the end date: the contract ends then, and the
 *                                customer renews or leaves by that day.
 *   trialing, trial end >= D     "trial_end" on the trial end: the day the trial converts or not.
 *   otherwise                    "renewal" on the next anniversary of the start date by billing
 *                                frequency (monthly, quarterly, annual; unknown or missing: monthly,
 *                                the shortest term, so no renewal is missed) on or after D, and
 *                                at least one term after the start. Anniversaries are counted from
 *                                the start date, not chained, and clamp to the month's last day:
 *                                a monthly start on Jan 31 renews Feb 28 (Feb 29 in a leap year),
 *                                then Mar 31; an annual start on Feb 29 renews Feb 28 in other years.
 *                                With auto-renew off, this anniversary is the end of the term.
 */

export type BillingFrequency = "monthly" | "quarterly" | "annual";
export type RenewalKind = "renewal" | "contract_end" | "trial_end";

export interface RenewalInput {
  startDate: string;
  endDate: string | null;
  billingFrequency: string | null;
  status: string | null;
  trialEnd: string | null;
}

export interface Renewal {
  date: string;
  kind: RenewalKind;
  /** Days from the as-of day to the renewal (0 when it is the as-of day). */
  daysUntil: number;
}

const MONTHS: Record<BillingFrequency, number> = { monthly: 1, quarterly: 3, annual: 12 };

/** Months per term; an unknown or missing frequency is monthly. */
export function termMonths(frequency: string | null): number {
  const f = (frequency ?? "").trim().toLowerCase();
  if (f === "annual" || f === "annually" || f === "yearly") return 12;
  if (f === "quarterly") return 3;
  return MONTHS.monthly;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const parts = (day: string) => day.split("-").map(Number) as [number, number, number];

const daysInMonth = (year: number, month1: number) => new Date(Date.UTC(year, month1, 0)).getUTCDate();

/** `day` plus `months` calendar months, clamped to the last day of the target month. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month1 = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month1)}-${pad(Math.min(d, daysInMonth(year, month1)))}`;
}

/** Whole days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The next anniversary of `start` by `termMonths`, on or after `asOf`, at least one term after start. */
export function nextAnniversary(start: string, term: number, asOf: string): string {
  const [sy, sm] = parts(start);
  const [ay, am] = parts(asOf);
  const monthsApart = (ay - sy) * 12 + (am - sm);
  let k = Math.max(1, Math.floor(monthsApart / term));
  let day = addMonths(start, k * term);
  while (day < asOf) {
    k += 1;
    day = addMonths(start, k * term);
  }
  return day;
}

/** The subscription's next renewal (or contract end) on or after `asOf`, or null when it has none. */
export function renewalOf(s: RenewalInput, asOf: string): Renewal | null {
  if (s.status === "canceled") return null;
  const at = (date: string, kind: RenewalKind): Renewal => ({
    date,
    kind,
    daysUntil: daysBetween(asOf, date),
  });
  if (s.endDate !== null) return s.endDate > asOf ? at(s.endDate, "contract_end") : null;
  if (s.status === "trialing" && s.trialEnd !== null && s.trialEnd >= asOf)
    return at(s.trialEnd, "trial_end");
  return at(nextAnniversary(s.startDate, termMonths(s.billingFrequency), asOf), "renewal");
}
