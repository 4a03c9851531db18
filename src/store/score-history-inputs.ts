import { customerStatus, type StatusChurnEvent, type StatusSubscription } from "../core/customers/status.ts";
import type { EarlyWarningSignals } from "../core/early-warning/signals.ts";
import { earlyWarningWindows } from "../core/early-warning/windows.ts";
import type { DailyMetric } from "../core/events/metrics.ts";
import { LOOKBACK_DAYS, type ScoreInput } from "../core/scores/input.ts";
import { addDays } from "../core/util/dates.ts";
import { type CustomerPage, inPage } from "./early-warning-inputs.ts";
import type { Db } from "./open-store.ts";
import { type Catalog, loadScoreInputs, statusAsOf } from "./score-inputs.ts";

// The loader of a history replay: a page of customers' facts over a whole range of days, read
// once, then handed out as the same ScoreInput the one loader (score-inputs.ts) builds, as of
// any day of the range. Facts dated after a day are never seen by that day's input.

const DAY_MS = 86_400_000;
/** Gives the event loop back between the page's queries (each one runs synchronously on SQLite). */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const dayIndex = (day: string, startMs: number) =>
  Math.round((Date.parse(`${day.slice(0, 10)}T00:00:00Z`) - startMs) / DAY_MS);

interface Sub {
  status: string | null;
  trial_end: string | null;
  end_date: string | null;
  billing_frequency: string | null;
  start_date: string;
  paused_on: string | null;
  arr: number | null;
  is_trial: number | null;
}
type Ticket = ScoreInput["tickets"][number];
interface AccountTicket {
  day: string;
  satisfaction: number | null;
  escalated: number;
  churnIntent: number;
}
interface Series {
  base: ScoreInput;
  accountId: string;
  subs: Sub[];
  /** The same subscriptions as the one status reads them, and the account's churn events. */
  statusSubs: StatusSubscription[];
  churnEvents: StatusChurnEvent[];
  /** In day order. */
  metrics: DailyMetric[];
  nps: { respondent: string; day: string; score: number }[];
  tickets: Ticket[];
  /** Cumulative uses and errors by day index from the usage range start (index 0 = before it). */
  usesCum: Float64Array;
  errorsCum: Float64Array;
  /** Moving slice bounds over `metrics` and `tickets` (days asked in ascending order). */
  mLo: number;
  mHi: number;
  tLo: number;
  tHi: number;
}

/** A page of customers with every fact the replay reads, from `first` - lookback to `last`. */
export interface HistoryPage {
  customerIds: readonly string[];
  /** The customer's ScoreInput as of `day` (days asked in ascending order). */
  inputAt(i: number, day: string, previousStage: string | null): ScoreInput;
}

export interface HistoryRange {
  first: string;
  last: string;
  catalog: Catalog;
  dataEnds: { usageEnd: string | null; ticketEnd: string | null };
  ewDays: number;
}

/** Loads a page's facts over a range of days once (seven queries), for a replay day by day. */
export async function loadHistoryPage(
  db: Db,
  orgId: number,
  page: CustomerPage,
  r: HistoryRange,
): Promise<HistoryPage> {
  const lastWindows = earlyWarningWindows(r.dataEnds, r.last, r.ewDays);
  // The one loader gives each customer's profile and static facts (as of the last day).
  const { inputs } = await loadScoreInputs(db, orgId, page, r.last, r.catalog, lastWindows);
  await yieldToLoop();
  const from = addDays(r.first, -(LOOKBACK_DAYS - 1));
  const k = db.kysely;
  const firstWindows = earlyWarningWindows(r.dataEnds, r.first, r.ewDays);
  const usageFrom = addDays(firstWindows.usageEnd, -2 * r.ewDays);
  const usageStartMs = Date.parse(`${usageFrom}T00:00:00Z`);
  const usageLen = dayIndex(lastWindows.usageEnd, usageStartMs) + 2;

  const customers = await k
    .selectFrom("customers")
    .select(["id", "account_id"])
    .where("org_id", "=", orgId)
    .where(inPage(db, "id", page))
    .execute();
  const accountOf = new Map(customers.map((c) => [c.id, c.account_id]));
  const byId = new Map<string, Series>();
  const series: Series[] = [];
  for (const base of inputs) {
    const s: Series = {
      base,
      accountId: accountOf.get(base.customerId) ?? "",
      subs: [],
      statusSubs: [],
      churnEvents: [],
      metrics: [],
      nps: [],
      tickets: [],
      usesCum: new Float64Array(usageLen),
      errorsCum: new Float64Array(usageLen),
      mLo: 0,
      mHi: 0,
      tLo: 0,
      tHi: 0,
    };
    byId.set(base.customerId, s);
    series.push(s);
  }
  const subs = await k
    .selectFrom("subscriptions")
    .select([
      "customer_id",
      "status",
      "trial_end",
      "end_date",
      "billing_frequency",
      "start_date",
      "paused_on",
      "arr",
      "is_trial",
    ])
    .where("org_id", "=", orgId)
    .where(inPage(db, "customer_id", page))
    .orderBy("customer_id")
    .orderBy("start_date")
    .execute();
  for (const s of subs) {
    const into = byId.get(s.customer_id);
    into?.subs.push(s);
    into?.statusSubs.push({
      start: s.start_date,
      end: s.end_date,
      status: s.status,
      trialEnd: s.trial_end,
      pausedOn: s.paused_on,
      isTrial: Number(s.is_trial) === 1,
      arr: Number(s.arr),
    });
  }
  await yieldToLoop();
  const metrics = await k
    .selectFrom("metrics_daily")
    .select(["customer_id", "day", "metric", "key", "value"])
    .where("org_id", "=", orgId)
    .where(inPage(db, "customer_id", page))
    .where("day", ">=", from)
    .where("day", "<=", r.last)
    .orderBy("customer_id")
    .orderBy("day")
    .execute();
  let into: Series | undefined;
  for (const m of metrics) {
    if (m.customer_id !== into?.base.customerId) into = byId.get(m.customer_id);
    into?.metrics.push(m as DailyMetric);
  }
  await yieldToLoop();
  const nps = await k
    .selectFrom("nps_responses")
    .select(["customer_id", "respondent", "day", "score"])
    .where("org_id", "=", orgId)
    .where(inPage(db, "customer_id", page))
    .where("day", "<=", r.last)
    .orderBy("day")
    .execute();
  for (const n of nps)
    byId.get(n.customer_id)?.nps.push({ respondent: n.respondent, day: n.day, score: n.score });
  await yieldToLoop();
  const tickets = await k
    .selectFrom("tickets as t")
    .leftJoin("ticket_analyses as a", (j) =>
      j.onRef("a.org_id", "=", "t.org_id").onRef("a.ticket_id", "=", "t.id"),
    )
    .select(["t.customer_id", "t.account_id", "t.submitted_at", "a.sentiment", "a.churn_intent"])
    .where("t.org_id", "=", orgId)
    .where(db.driver.inTextList("t.account_id", [...new Set(customers.map((c) => c.account_id))]))
    .where("t.submitted_at", ">=", from)
    .where("t.submitted_at", "<", addDays(r.last, 1))
    .orderBy("t.submitted_at")
    .execute();
  // As in loadScoreInputs: a ticket tied only to an account counts for every customer of it.
  const seriesOf = new Map<string, Series[]>();
  for (const s of series) seriesOf.set(s.accountId, [...(seriesOf.get(s.accountId) ?? []), s]);
  for (const t of tickets) {
    const of =
      t.customer_id !== null
        ? [byId.get(t.customer_id)]
        : t.account_id !== null
          ? (seriesOf.get(t.account_id) ?? [])
          : [];
    for (const s of of)
      s?.tickets.push({
        day: t.submitted_at.slice(0, 10),
        sentiment:
          t.sentiment === "negative" || t.sentiment === "neutral" || t.sentiment === "positive"
            ? t.sentiment
            : null,
        churnIntent: t.churn_intent === null ? null : t.churn_intent === 1,
      });
  }
  // Seed 004's window aggregates: usage per customer (cumulative sums by day), tickets per account.
  await yieldToLoop();
  const usage = await k
    .selectFrom("usage_daily")
    .select(["customer_id", "day", "uses", "errors"])
    .where("org_id", "=", orgId)
    .where(inPage(db, "customer_id", page))
    .where("day", ">=", usageFrom)
    .where("day", "<=", lastWindows.usageEnd)
    .execute();
  for (const u of usage) {
    const s = byId.get(u.customer_id);
    const i = dayIndex(u.day, usageStartMs) + 1;
    if (!s || i < 1 || i >= usageLen) continue;
    s.usesCum[i]! += Number(u.uses ?? 0);
    s.errorsCum[i]! += Number(u.errors ?? 0);
  }
  for (const s of series) {
    for (let i = 1; i < usageLen; i++) {
      s.usesCum[i]! += s.usesCum[i - 1]!;
      s.errorsCum[i]! += s.errorsCum[i - 1]!;
    }
  }
  await yieldToLoop();
  const accounts = [...new Set(series.map((s) => s.accountId))];
  const accountTickets = new Map<string, AccountTicket[]>();
  if (accounts.length > 0) {
    const churns = await k
      .selectFrom("churn_events")
      .select(["account_id", "churn_date", "reason_code", "is_reactivation"])
      .where("org_id", "=", orgId)
      .where(db.driver.inTextList("account_id", accounts))
      .execute();
    const byAccount = new Map<string, StatusChurnEvent[]>();
    for (const e of churns) {
      let list = byAccount.get(e.account_id);
      if (!list) {
        list = [];
        byAccount.set(e.account_id, list);
      }
      list.push({
        day: e.churn_date,
        reason: e.reason_code,
        isReactivation: Number(e.is_reactivation) === 1,
      });
    }
    for (const s of series) s.churnEvents = byAccount.get(s.accountId) ?? [];
    await yieldToLoop();
    const rows = await k
      .selectFrom("tickets as tk")
      .leftJoin("ticket_analyses as a", (j) =>
        j.onRef("a.org_id", "=", "tk.org_id").onRef("a.ticket_id", "=", "tk.id"),
      )
      .select(["tk.account_id", "tk.submitted_at", "tk.satisfaction", "tk.escalated", "a.churn_intent"])
      .where("tk.org_id", "=", orgId)
      .where(db.driver.inTextList("tk.account_id", accounts))
      .where("tk.submitted_at", ">=", addDays(firstWindows.ticketEnd, -r.ewDays))
      .where("tk.submitted_at", "<", addDays(lastWindows.ticketEnd, 1))
      .execute();
    for (const t of rows) {
      if (t.account_id === null) continue;
      let list = accountTickets.get(t.account_id);
      if (!list) {
        list = [];
        accountTickets.set(t.account_id, list);
      }
      list.push({
        day: t.submitted_at.slice(0, 10),
        satisfaction: t.satisfaction === null ? null : Number(t.satisfaction),
        escalated: Number(t.escalated ?? 0),
        churnIntent: t.churn_intent === 1 ? 1 : 0,
      });
    }
  }

  /** Sum over days [a, b) as indexes into the cumulative arrays. */
  const usageSum = (cum: Float64Array, a: number, b: number) => (b > a ? cum[b]! - cum[a]! : 0);
  const slot = (day: string, plus: number) =>
    Math.max(0, Math.min(usageLen - 1, dayIndex(day, usageStartMs) + plus));
  // What each day's windows are, worked out once per day for the whole page.
  const perDay = new Map<
    string,
    {
      from: string;
      w: ReturnType<typeof earlyWarningWindows>;
      ticketStart: string;
      last: [number, number];
      prior: [number, number];
    }
  >();
  const dayConsts = (day: string) => {
    let c = perDay.get(day);
    if (!c) {
      const w = earlyWarningWindows(r.dataEnds, day, r.ewDays);
      const lastStart = addDays(w.usageEnd, -w.days);
      const priorStart = addDays(w.usageEnd, -2 * w.days);
      c = {
        from: addDays(day, -(LOOKBACK_DAYS - 1)),
        w,
        ticketStart: addDays(w.ticketEnd, -w.days),
        last: [slot(lastStart, 0), slot(w.usageEnd, 1)],
        prior: [slot(priorStart, 0), slot(lastStart, 0)],
      };
      perDay.set(day, c);
    }
    return c;
  };

  return {
    customerIds: series.map((s) => s.base.customerId),
    inputAt(i, day, previousStage) {
      const s = series[i]!;
      const base = s.base;
      // Subscriptions as the one loader reads them, as of `day`.
      const profile: ScoreInput["profile"] = {
        ...base.profile,
        isTrial: base.earlyWarning.isTrial,
        trialEnd: null,
        subscriptionStatus: null,
        endedOn: null,
        billingFrequency: null,
      };
      for (const sub of s.subs) {
        if (sub.start_date > day) continue;
        const ended = sub.end_date !== null && sub.end_date <= day ? sub.end_date : null;
        profile.subscriptionStatus = ended
          ? "canceled"
          : statusAsOf(sub.status, sub.trial_end, sub.paused_on, day);
        profile.endedOn = ended;
        profile.trialEnd = sub.trial_end;
        if (sub.status !== null) profile.isTrial = profile.subscriptionStatus === "trialing";
        profile.billingFrequency =
          sub.billing_frequency === "annual" ? "annual" : sub.billing_frequency ? "monthly" : null;
      }
      const { from, w, ticketStart, last, prior } = dayConsts(day);
      while (s.mLo < s.metrics.length && s.metrics[s.mLo]!.day < from) s.mLo++;
      while (s.mHi < s.metrics.length && s.metrics[s.mHi]!.day <= day) s.mHi++;
      while (s.tLo < s.tickets.length && s.tickets[s.tLo]!.day < from) s.tLo++;
      while (s.tHi < s.tickets.length && s.tickets[s.tHi]!.day <= day) s.tHi++;
      const latest = new Map<string, { respondent: string; day: string; score: number }>();
      for (const n of s.nps) {
        if (n.day > day) break;
        latest.set(n.respondent, n);
      }
      let count = 0;
      let satSum = 0;
      let satN = 0;
      let escalation = false;
      let churnIntent = 0;
      for (const t of accountTickets.get(s.accountId) ?? []) {
        if (t.day < ticketStart || t.day > w.ticketEnd) continue;
        count++;
        if (t.satisfaction !== null) {
          satSum += t.satisfaction;
          satN++;
        }
        if (t.escalated === 1) escalation = true;
        churnIntent += t.churnIntent;
      }
      const ew: EarlyWarningSignals & { usageEnd: string; ticketEnd: string } = {
        ...base.earlyWarning,
        usageLast: usageSum(s.usesCum, last[0], last[1]),
        usagePrior: usageSum(s.usesCum, prior[0], prior[1]),
        errors: usageSum(s.errorsCum, last[0], last[1]),
        tickets: count,
        satisfaction: satN === 0 ? null : satSum / satN,
        escalation,
        churnIntent,
        usageEnd: w.usageEnd,
        ticketEnd: w.ticketEnd,
      };
      return {
        ...base,
        // The one status as of the day, when the one loader gives one.
        ...(base.status === undefined
          ? {}
          : {
              status: customerStatus(
                s.statusSubs,
                s.churnEvents,
                { arr: base.profile.arr, isTrial: base.earlyWarning.isTrial },
                day,
              ),
            }),
        profile,
        metrics: s.metrics.slice(s.mLo, s.mHi),
        nps: [...latest.values()],
        tickets: s.tickets.slice(s.tLo, s.tHi),
        previousStage,
        earlyWarning: ew,
      };
    },
  };
}
