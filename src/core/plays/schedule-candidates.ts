import { type PlaysConfig, resolveTactic } from "./config.ts";
import { daysBetween, monthsBetween } from "./time.ts";
import { effectiveTrigger } from "./triggers.ts";
import type { Tactic } from "./types.ts";

/**
 * Which customers a schedule trigger can fire for at a tick (pure): the incremental tick asks
 * the store for exactly these instead of evaluating every customer. Mirrors `firedTriggers`:
 *
 * - tenure months / month N after signup: signed up on a day whose calendar months to today is
 *   one of the milestones (a contiguous range of signup days per milestone). The trigger fires
 *   every day of that month; the store leaves out customers who already have a run of the
 *   tactic that rules out another (a run with this milestone's key under a one-per-key limit,
 *   or any run under a lifetime cap of one), and customers already refused for this key with
 *   no retry time due: a full tick would ask them again and be refused again unless something
 *   about them changed, and a change (score, event, timer) makes them a candidate anyway;
 * - trial day N: signed up exactly N days before today;
 * - days before renewal D: the next renewal is a monthly or yearly anniversary of the
 *   subscription's start; its day of the month is the renewal day's, or 29-31 when the
 *   anniversary overflowed into days 1-3 of the next month (a superset: the tick decides);
 * - every N days: everyone, on the first tick of each N-day period (within a period the
 *   trigger's key is the same, so a customer with nothing else new is not asked again).
 */

export interface SignupWindow {
  /** Signup days, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  tactic: string;
  key: string;
  /** Customers with a run of the tactic (`any`) or with this key (`key`) can only be refused. */
  skip: "any" | "key" | null;
}

export interface ScheduleCandidates {
  signupRanges: SignupWindow[];
  /** Subscription start days of the month ("01".."31"). */
  startDays: string[];
  /** Every customer (a new every-N-days period began). */
  all: boolean;
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The signup days with exactly `m` calendar months to `today`, as one inclusive range (or null). */
export function signupRangeForMonths(today: string, m: number): [string, string] | null {
  const t = Date.parse(today);
  let lo: string | null = null;
  let hi: string | null = null;
  for (let d = (m + 1) * 31 + 1; d >= Math.max(0, m * 28 - 1); d--) {
    const s = dayOf(t - d * DAY_MS);
    if (monthsBetween(s, today) === m) {
      lo ??= s;
      hi = s;
    }
  }
  return lo !== null && hi !== null ? [lo, hi] : null;
}

export function scheduleCandidates(
  catalog: readonly Tactic[],
  config: PlaysConfig,
  since: Date,
  now: Date,
): ScheduleCandidates {
  const today = now.toISOString().slice(0, 10);
  const sinceDay = since.toISOString().slice(0, 10);
  const out: ScheduleCandidates = { signupRanges: [], startDays: [], all: false };
  const days = new Set<string>();
  for (const t of catalog) {
    if (t.scope !== "customer" || t.trigger.type !== "schedule") continue;
    const r = resolveTactic(config, t);
    if (!r.enabled || r.missing.length > 0) continue;
    const tr = effectiveTrigger(t, r.params);
    if (tr.type !== "schedule") continue;
    const s = tr.schedule;
    const g = t.guardrails;
    const skip =
      g.lifetimeCap === 1 ? "any" : g.rateLimits.some((x) => x.max === 1 && "key" in x.per) ? "key" : null;
    if (s.kind === "tenure_months" || s.kind === "month_after_signup") {
      for (const m of s.kind === "tenure_months" ? s.months : [s.month]) {
        const range = signupRangeForMonths(today, m);
        if (range)
          out.signupRanges.push({ from: range[0], to: range[1], tactic: t.slug, key: `month-${m}`, skip });
      }
    } else if (s.kind === "trial_day") {
      const d = dayOf(Date.parse(today) - s.day * DAY_MS);
      out.signupRanges.push({ from: d, to: d, tactic: t.slug, key: `trial-day-${s.day}`, skip });
    } else if (s.kind === "days_before_renewal") {
      const renewal = dayOf(Date.parse(today) + s.days * DAY_MS);
      const dd = renewal.slice(8, 10);
      days.add(dd);
      if (Number(dd) <= 3) for (const x of ["29", "30", "31"]) days.add(x);
    } else if (s.kind === "every_days") {
      const period = (day: string) => Math.floor(Date.parse(day) / DAY_MS / s.days);
      if (period(today) !== period(sinceDay) || daysBetween(sinceDay, today) >= s.days) out.all = true;
    }
  }
  out.startDays = [...days].sort();
  return out;
}
