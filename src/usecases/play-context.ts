import { CATALOG } from "../core/plays/catalog/index.ts";
import type { FlowState } from "../core/plays/flow.ts";
import type { Offer } from "../core/plays/offers-ledger.ts";
import { daysBetween } from "../core/plays/time.ts";
import {
  type Channel,
  type ConsentState,
  type ContactRecord,
  CUSTOMER_CHANNELS,
  type PlayContext,
  type PlayEvent,
  type RunRecord,
} from "../core/plays/types.ts";
import type { ScoreChange } from "../core/scores/changes.ts";
import type { ScoreKind } from "../core/scores/kinds.ts";
import type { Stage } from "../core/scores/lifecycle.ts";
import type { SubscriptionStatus } from "../core/subscriptions/state.ts";
import type {
  CustomerFacts,
  EventFact,
  PlanFact,
  ScoreFact,
  SubscriptionFact,
} from "../store/plays/context-facts.ts";
import type { OfferRow } from "../store/plays/offers.ts";
import type { RunRow } from "../store/plays/runs.ts";

/**
 * Turns the rows a plays tick loads for one customer into the domain's `PlayContext` (and the
 * flows and ledger tickCustomer takes). Canonical events become play events here: a failed
 * invoice is `payment_failed` keyed by its failure episode, a metered value at its limit is
 * `limit_reached` keyed by meter and month, a cancel is `cancel_requested`, and so on.
 */

const COLLISION = new Map(CATALOG.map((t) => [t.slug, t.guardrails.collision.class]));
const STAGES: readonly Stage[] = ["onboarding", "active", "at_risk", "churned", "advocate"];

export interface CustomerRows {
  customer: CustomerFacts;
  scores: readonly ScoreFact[];
  subscriptions: readonly SubscriptionFact[];
  events: readonly EventFact[];
  churnIntents: readonly { ticketId: string; at: string }[];
  firstUsageDay: string | null;
  runs: readonly RunRow[];
  contacts: readonly { tactic: string; runId: string; channel: string; at: string }[];
  offers: readonly OfferRow[];
}

const props = (s: string): Record<string, unknown> => {
  try {
    const v = JSON.parse(s) as unknown;
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** The run an answer names: an offer id is `<run id>:<step>`, an effect key `play:...:<run>:<step>`. */
export function runOfOfferId(offerId: string): string {
  const body = offerId.startsWith("play:") ? offerId.split(":").slice(4).join(":") : offerId;
  const i = body.lastIndexOf(":");
  return i > 0 ? body.slice(0, i) : body;
}

function playEvents(
  rows: readonly EventFact[],
  intents: CustomerRows["churnIntents"],
  rank: (tier: string) => number | null,
  churned: boolean,
): { type: PlayEvent; at: string; key?: string; offerId?: string }[] {
  const out: { type: PlayEvent; at: string; key?: string; offerId?: string }[] = [];
  let episode: string | null = null;
  for (const e of rows) {
    const p = props(e.properties);
    const at = e.ts;
    switch (e.type) {
      case "invoice_payment_failed":
        episode ??= `failure:${at.slice(0, 10)}`;
        out.push({ type: "payment_failed", at, key: episode });
        break;
      case "invoice_paid":
        if (episode) out.push({ type: "payment_recovered", at, key: episode });
        episode = null;
        break;
      case "subscription_canceled": {
        out.push({ type: "cancel_requested", at });
        if (/price|cost|expens|budget/i.test(String(p.reason ?? "")))
          out.push({ type: "cancel_reason_price", at });
        break;
      }
      case "subscription_resumed":
        out.push({ type: "subscription_resumed", at });
        break;
      case "plan_changed": {
        const a = rank(String(p.from));
        const b = rank(String(p.to));
        if (a !== null && b !== null && a !== b)
          out.push({ type: b > a ? "plan_upgraded" : "plan_downgraded", at });
        break;
      }
      case "nps_response":
        out.push({ type: "nps_answered", at });
        break;
      case "trial_ended":
        if (p.converted === true) out.push({ type: "trial_converted", at });
        break;
      case "usage_metered": {
        const value = Number(p.value);
        const limit = Number(p.limit);
        if (limit > 0 && Number.isFinite(value)) {
          const key = `limit:${String(p.meter)}:${at.slice(0, 7)}`;
          if (value >= limit) out.push({ type: "limit_reached", at, key });
          else if (value >= 0.8 * limit) out.push({ type: "limit_approaching", at, key });
        }
        break;
      }
      case "page_view":
        if (/pricing|plans|billing/i.test(String(p.page ?? ""))) out.push({ type: "pricing_page_visit", at });
        break;
      case "session_start":
        if (churned) out.push({ type: "return_visit", at, key: `return:${at.slice(0, 10)}` });
        break;
      case "offer_seen":
      case "offer_dismissed":
      case "offer_accepted": {
        const offerId = String(p.offer_id ?? "");
        out.push({ type: e.type, at, key: runOfOfferId(offerId), offerId });
        break;
      }
      default:
        break;
    }
  }
  for (const t of intents) out.push({ type: "ticket_churn_intent", at: t.at, key: `ticket:${t.ticketId}` });
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

const renewals = new Map<string, string>();
/**
 * The next anniversary of `start` (monthly or yearly) on or after `day`, memoised: a book has few
 * distinct start days, and the month-by-month walk is the hot part of assembling a context.
 */
function nextRenewal(start: string, interval: "month" | "year", day: string): string {
  const k = `${start}|${interval}|${day}`;
  let r = renewals.get(k);
  if (r === undefined) {
    if (renewals.size > 100_000) renewals.clear();
    r = walkRenewal(start, interval, day);
    renewals.set(k, r);
  }
  return r;
}

function walkRenewal(start: string, interval: "month" | "year", day: string): string {
  const d = new Date(`${start}T00:00:00Z`);
  const step = interval === "year" ? 12 : 1;
  for (let i = 0; i < 1200 && d.toISOString().slice(0, 10) < day; i++) d.setUTCMonth(d.getUTCMonth() + step);
  return d.toISOString().slice(0, 10);
}

function consent(v: unknown): ConsentState {
  return v === true ? "opted_in" : v === false ? "opted_out" : "unknown";
}

export const offerFromRow = (r: OfferRow): Offer => ({
  id: r.id,
  customerId: r.customer_id,
  kind: r.kind as Offer["kind"],
  tactic: r.tactic,
  surface: r.surface as Offer["surface"],
  status: r.status as Offer["status"],
  percent: r.percent,
  cycles: r.cycles,
  months: r.months,
  days: r.days,
  trialId: r.trial_id,
  proposedAt: r.proposed_at,
  expiresAt: r.expires_at,
  decidedAt: r.decided_at,
  endsAt: r.ends_at,
});

export const offerToRow = (o: Offer): OfferRow => ({
  id: o.id,
  customer_id: o.customerId,
  tactic: o.tactic,
  surface: o.surface,
  kind: o.kind,
  status: o.status,
  percent: o.percent,
  cycles: o.cycles,
  months: o.months,
  days: o.days,
  trial_id: o.trialId,
  proposed_at: o.proposedAt,
  expires_at: o.expiresAt,
  decided_at: o.decidedAt,
  ends_at: o.endsAt,
});

export interface AssembledCustomer {
  ctx: PlayContext;
  flows: FlowState[];
  offers: Offer[];
  /** Offer answers seen in the events (the use case applies them to the ledger). */
  answers: { offerId: string; how: "accept" | "decline"; at: string }[];
}

/** Plan ranks by tier, built once per plans list (a tick passes the same list for every customer). */
const RANKS = new WeakMap<readonly PlanFact[], Map<string, number>>();
function ranksOf(plans: readonly PlanFact[]): Map<string, number> {
  let m = RANKS.get(plans);
  if (!m) {
    m = new Map(plans.map((p) => [p.tier, p.rank]));
    RANKS.set(plans, m);
  }
  return m;
}

/** The as-of day, kept for the last clock seen (every customer of a tick shares it). */
let lastDay = { ms: Number.NaN, day: "" };
function dayOf(now: Date): string {
  const ms = now.getTime();
  if (ms !== lastDay.ms) lastDay = { ms, day: now.toISOString().slice(0, 10) };
  return lastDay.day;
}

export function assembleContext(
  orgId: number,
  rows: CustomerRows,
  plans: readonly PlanFact[],
  now: Date,
): AssembledCustomer {
  const c = rows.customer;
  const day = dayOf(now);
  const rankOf = ranksOf(plans);
  const rank = (tier: string) => rankOf.get(tier) ?? null;
  const scores: PlayContext["scores"] = {};
  for (const s of rows.scores) scores[s.kind as ScoreKind] = { score: s.score, level: s.level };
  const stageLevel = scores.lifecycle_stage?.level;
  const lifecycleStage = STAGES.includes(stageLevel as Stage) ? (stageLevel as Stage) : null;
  const sub = rows.subscriptions.at(-1) ?? null;
  const ended = sub?.endDate !== null && sub?.endDate !== undefined && sub.endDate <= day;
  const subscriptionStatus: SubscriptionStatus | null = sub
    ? ((sub.status as SubscriptionStatus | null) ??
      (ended ? "canceled" : sub.isTrial ? "trialing" : "active"))
    : c.status === "churned"
      ? "canceled"
      : ((c.status as SubscriptionStatus | null) ?? null);
  const churned = c.status === "churned" || subscriptionStatus === "canceled";
  const events = playEvents(rows.events, rows.churnIntents, rank, churned);
  const interval =
    sub?.billingFrequency === "annual" ? "year" : sub?.billingFrequency === "monthly" ? "month" : null;
  const lastFail = events.filter((e) => e.type === "payment_failed").at(-1)?.at ?? null;
  const lastPaid = events.filter((e) => e.type === "payment_recovered").at(-1)?.at ?? null;
  const price = c.planTier ? plans.find((p) => p.tier === c.planTier)?.price : undefined;
  const myRank = c.planTier ? rank(c.planTier) : null;
  const consents = props(c.consents ?? "{}");
  const runKey = new Map(rows.runs.map((r) => [r.run_id, r.run_key]));
  const runs: RunRecord[] = rows.runs.map((r) => {
    const st = JSON.parse(r.state) as FlowState;
    return {
      tactic: r.tactic,
      runId: r.run_id,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      exit: (r.exit_cause as RunRecord["exit"]) ?? null,
      response: st.response,
      key: r.run_key,
      collision: COLLISION.get(r.tactic) ?? "internal",
    };
  });
  const contacts: ContactRecord[] = rows.contacts
    .filter((x) => (CUSTOMER_CHANNELS as readonly string[]).includes(x.channel))
    .map((x) => ({
      tactic: x.tactic,
      runId: x.runId,
      channel: x.channel as Channel,
      at: x.at,
      key: runKey.get(x.runId) ?? null,
    }));
  const downgrades = [
    ...rows.subscriptions.filter((s) => s.downgrade).map((s) => s.startDate),
    ...events.filter((e) => e.type === "plan_downgraded").map((e) => e.at.slice(0, 10)),
  ].sort();
  const ctx: PlayContext = {
    orgId: String(orgId),
    customerId: c.id,
    timeZone: c.timezone,
    lifecycleStage,
    subscriptionStatus,
    scores,
    signupOn: c.signupDate,
    billingInterval: interval,
    isTrial: c.isTrial || subscriptionStatus === "trialing",
    trialEnd: sub?.trialEnd ?? null,
    freeTier: price === 0,
    arr: c.arr,
    higherTierAvailable: myRank !== null && plans.some((p) => p.rank > myRank),
    hasDiscount: false,
    openPaymentFailure:
      c.status === "past_due" || (lastFail !== null && (lastPaid === null || lastPaid < lastFail)),
    pendingCancellation: !churned && events.some((e) => e.type === "cancel_requested"),
    lastDowngradeOn: downgrades.at(-1) ?? null,
    usageHistoryDays: rows.firstUsageDay ? Math.max(0, daysBetween(rows.firstUsageDay, day)) : 0,
    renewalOn: sub && interval && !churned ? nextRenewal(sub.startDate, interval, day) : null,
    billingContactDeclared: c.billingEmail !== null,
    consents: {
      in_app: consent(consents.in_app),
      email: consent(consents.email),
      sms: consent(consents.sms),
    },
    events: events.map(({ offerId: _, ...e }) => e),
    runs,
    contacts,
    openOffers: [],
  };
  const flows = rows.runs.filter((r) => r.status === "active").map((r) => JSON.parse(r.state) as FlowState);
  const answers = events
    .filter((e) => e.offerId && (e.type === "offer_accepted" || e.type === "offer_dismissed"))
    .map((e) => ({
      offerId: e.offerId!.startsWith("play:")
        ? `${runOfOfferId(e.offerId!)}:${e.offerId!.split(":").at(-1)}`
        : e.offerId!,
      how: e.type === "offer_accepted" ? ("accept" as const) : ("decline" as const),
      at: e.at,
    }));
  return { ctx, flows, offers: rows.offers.map(offerFromRow), answers };
}

/** Changes as the core reads them. */
export const toScoreChange = (c: {
  customerId: string;
  kind: string;
  oldScore: number | null;
  newScore: number | null;
  oldLevel: string | null;
  newLevel: string;
  crossed: string | null;
}): ScoreChange => ({ ...c, kind: c.kind as ScoreKind });
