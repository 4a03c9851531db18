import type { CustomerUpsert } from "../../core/customers/schema.ts";
import type { CanonicalEvent } from "../../core/events/schema.ts";
import { addDays } from "../../core/util/dates.ts";
import { createRng, deriveSeed, type Rng } from "../prng.ts";
import { DEMO_PLANS } from "./plans.ts";
import { type TicketMood, ticketText } from "./texts.ts";

export interface WorkspaceOptions {
  customers: number;
  seed: number;
  /** Last day of the data (YYYY-MM-DD). */
  end: string;
  months: number;
}

export interface GroundTruth {
  customer_id: string;
  churn_propensity: number;
  expansion_propensity: number;
  churned_on: string | null;
  churn_reason: string | null;
  upgraded_on: string | null;
}

export interface SimulatedCustomer {
  customer: CustomerUpsert & { id: string };
  /** This customer's events, in time order. */
  events: CanonicalEvent[];
  truth: GroundTruth;
}

const FEATURES = [
  ["dashboards", "analytics"],
  ["reports", "analytics"],
  ["exports", "data"],
  ["imports", "data"],
  ["alerts", "monitoring"],
  ["workflows", "automation"],
  ["api_keys", "developer"],
  ["sharing", "collaboration"],
  ["comments", "collaboration"],
  ["search", "core"],
] as const;
const TIERS = ["Starter", "Growth", "Pro", "Enterprise"] as const;
const INDUSTRIES = ["SaaS", "Retail", "Fintech", "Health", "Education", "Media", "Logistics"];
const COUNTRIES = ["US", "GB", "DE", "FR", "CA", "AU", "NL", "IN"];
const CHURN_REASONS = ["budget", "missing_features", "competitor", "support", "low_usage"];

const plan = (tier: string) => DEMO_PLANS.find((p) => p.tier === tier)!;
const ts = (day: string, hour: number, minute = 0) =>
  `${day}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`;

/**
 * One customer's life, driven by two hidden propensities: churn (usage fades for 30-90 days
 * before a cancellation, with narrower feature use, API drops, negative and churn-intent tickets,
 * billing and cancel page views, low NPS; some fail payments; some leave with no warning) and
 * expansion (usage grows towards the plan's limits, pricing visits, integrations, upgrades).
 * Healthy customers have bad weeks too, so a good score ranks well but not perfectly.
 */
export function simulateCustomer(index: number, o: WorkspaceOptions): SimulatedCustomer {
  const rng = createRng(deriveSeed(o.seed, index));
  const id = `cus_${String(index + 1).padStart(6, "0")}`;
  const start = addDays(o.end, -Math.round(o.months * 30.4));
  const span = Math.round(o.months * 30.4);
  const signupOffset = Math.floor(rng.next() ** 0.8 * (span - 3));
  const signup = addDays(start, signupOffset);
  const churnP = rng.next() ** 1.6;
  const expandP = rng.next() ** 2;
  let tier: string = TIERS[Math.min(3, Math.floor(rng.next() ** 1.5 * 4))]!;
  const initialTier = tier;
  const seats = Math.max(1, Math.round(plan(tier).limits.seats! * (0.3 + rng.next() * 0.6)));
  const annual = rng.bool(0.25);
  const trial = rng.bool(0.2);
  const events: CanonicalEvent[] = [];
  let n = 0;
  const emit = (
    type: CanonicalEvent["type"],
    timestamp: string,
    properties: Record<string, unknown> = {},
  ) => {
    events.push({ id: `${id}-${n++}`, customer_id: id, type, timestamp, properties });
  };

  // Outcome first: when (if ever) the customer leaves, and how.
  const lastDay = o.end;
  const tenureDays = signupOffset === 0 ? span : span - signupOffset;
  let churnDay: string | null = null;
  let churnReason: string | null = null;
  let trialFails = false;
  if (trial && rng.bool(0.15 + churnP * 0.6)) {
    trialFails = true;
  } else {
    const monthly = 0.004 + 0.07 * churnP;
    for (let d = 30; d < tenureDays; d += 30) {
      if (rng.bool(monthly)) {
        churnDay = addDays(signup, d + rng.int(0, 29));
        if (churnDay > lastDay) churnDay = null;
        break;
      }
    }
  }
  const involuntary = churnDay !== null && rng.bool(0.15);
  const silent = churnDay !== null && !involuntary && rng.bool(0.1);
  const declineDays = rng.int(45, 120);
  const declineFrom = churnDay && !silent ? addDays(churnDay, -declineDays) : null;
  if (churnDay) churnReason = involuntary ? "payment_failed" : rng.pick(CHURN_REASONS);
  const trialEnd = trial ? addDays(signup, 14) : null;
  const stopDay = trialFails ? trialEnd! : churnDay;

  // Behaviour parameters.
  const breadth = 3 + Math.floor(rng.next() * 6 * (1 - churnP * 0.5));
  const myFeatures = [...FEATURES].sort(() => rng.next() - 0.5).slice(0, breadth);
  const activeP = 0.45 + 0.45 * (1 - churnP) * rng.next() ** 0.3;
  const apiBase = tier === "Starter" ? 200 : tier === "Growth" ? 1_500 : tier === "Pro" ? 8_000 : 60_000;
  const growth = expandP * 1.6;
  let upgradedOn: string | null = null;
  let meterPeriod = 0;
  let downgraded = false;
  const pauseAt = rng.bool(0.03) ? rng.int(40, Math.max(41, tenureDays - 40)) : -1;

  emit(
    trial ? "trial_started" : "subscription_created",
    ts(signup, 8),
    trial ? { trial_end: trialEnd } : { plan: tier, mrr: plan(tier).price_monthly },
  );
  if (rng.bool(0.3 + expandP * 0.5))
    emit("integration_connected", ts(addDays(signup, rng.int(1, 20)), 10), {
      integration: rng.pick(["slack", "salesforce", "hubspot", "zapier"]),
    });

  for (let d = 0; ; d++) {
    const day = addDays(signup, d);
    if (day > lastDay || (stopDay !== null && day >= stopDay)) break;
    if (pauseAt >= 0 && d >= pauseAt && d < pauseAt + 30) {
      if (d === pauseAt) emit("subscription_paused", ts(day, 9), { resume_on: addDays(day, 30) });
      continue;
    }
    if (pauseAt >= 0 && d === pauseAt + 30) emit("subscription_resumed", ts(day, 9));
    if (trialEnd && day === trialEnd) emit("trial_ended", ts(day, 0, 5), { converted: true });
    if (trialEnd && day === trialEnd)
      emit("subscription_created", ts(day, 0, 6), { plan: tier, mrr: plan(tier).price_monthly });

    // How much of its normal self the customer is today: fading before churn, rare bad weeks.
    let level = 1;
    if (declineFrom && day >= declineFrom) {
      const t =
        (Date.parse(day) - Date.parse(declineFrom)) / (Date.parse(churnDay!) - Date.parse(declineFrom));
      level = 1 - 0.9 * t;
    }
    if (Math.floor(d / 7) % 13 === index % 13 && rng.bool(0.5)) level *= 0.4;
    const scale = 1 + (growth * d) / 365;
    const inDecline = level < 0.9 && declineFrom !== null && day >= declineFrom;

    if (rng.bool(activeP * Math.max(0.1, level))) {
      const sessions = 1 + rng.poisson(2 * level);
      for (let k = 0; k < Math.min(sessions, 3); k++)
        emit("session_start", ts(day, 9 + k * 2, rng.int(0, 59)));
      const used = inDecline
        ? myFeatures.slice(0, Math.max(1, Math.round(myFeatures.length * level)))
        : myFeatures;
      for (let k = 0; k < 1; k++) {
        const [feature, category] = rng.pick(used);
        emit("feature_used", ts(day, 10 + k, rng.int(0, 59)), {
          feature,
          category,
          count: 1 + rng.poisson(3 * level * scale),
          duration_secs: rng.int(30, 900),
          errors: rng.bool(inDecline ? 0.2 : 0.04) ? rng.int(1, 4) : 0,
        });
      }
      const calls = Math.round(apiBase * scale * level * (0.6 + rng.next() * 0.8));
      if (calls > 0) emit("api_calls", ts(day, 12), { count: calls });
      const periodDay = d % 30;
      if (periodDay === 0) meterPeriod = 0;
      meterPeriod += calls;
      if (d % 3 === 0)
        emit("usage_metered", ts(day, 23, 30), {
          meter: "api_calls",
          value: meterPeriod,
          limit: plan(tier).limits.api_calls,
        });
      if (rng.bool(0.04)) emit("page_view", ts(day, 14), { page: "help" });
      if (rng.bool(0.03 + expandP * 0.05)) emit("page_view", ts(day, 15), { page: "settings" });
      const near = meterPeriod / plan(tier).limits.api_calls! > 0.7;
      if (rng.bool(0.01 + (near ? 0.15 : 0) + (inDecline ? 0.06 : 0)))
        emit("page_view", ts(day, 16), { page: rng.bool(0.5) ? "pricing" : "billing" });
      if (
        inDecline &&
        churnDay &&
        Date.parse(churnDay) - Date.parse(day) < 21 * 86_400_000 &&
        rng.bool(0.12)
      ) {
        emit("page_view", ts(day, 17), { page: "cancel" });
      }
      // Expansion: an upgrade when usage presses on the limit.
      if (
        near &&
        meterPeriod > 0.9 * plan(tier).limits.api_calls! &&
        tier !== "Enterprise" &&
        rng.bool(0.2 + expandP * 0.5)
      ) {
        const to = TIERS[TIERS.indexOf(tier as (typeof TIERS)[number]) + 1]!;
        emit("plan_changed", ts(day, 18), { from: tier, to });
        emit("subscription_updated", ts(day, 18, 1), { plan: to, mrr: plan(to).price_monthly });
        upgradedOn ??= day;
        tier = to;
      }
    }
    // Tickets: more and angrier on the way out.
    if (rng.bool(inDecline ? 0.05 : 0.012)) {
      const mood: TicketMood = inDecline
        ? rng.bool(0.45)
          ? "intent"
          : rng.bool(0.6)
            ? "negative"
            : "neutral"
        : rng.bool(0.12)
          ? "negative"
          : rng.bool(0.2)
            ? "positive"
            : "neutral";
      const t = ticketText(rng, mood);
      emit("ticket_opened", ts(day, 11, rng.int(0, 59)), {
        ticket_id: `${id}-T${n}`,
        subject: t.subject,
        body: t.body,
        priority: mood === "intent" ? "high" : "normal",
      });
    }
    // NPS survey every 90 days; about half answer.
    if (d > 0 && d % 90 === 45 && rng.bool(0.5)) {
      const base = 9.5 - 6 * churnP - (inDecline ? 3 : 0) + rng.normal(0, 1.3);
      emit("nps_response", ts(day, 13), {
        score: Math.max(0, Math.min(10, Math.round(base))),
        respondent: `${id}-admin`,
      });
    }
    // Billing: monthly invoices (annual payers once a year); the involuntary churner's card fails.
    if (d > 0 && d % (annual ? 365 : 30) === 0) {
      const failing = involuntary && churnDay && Date.parse(churnDay) - Date.parse(day) < 40 * 86_400_000;
      if (failing || rng.bool(0.01))
        emit("invoice_payment_failed", ts(day, 6), {
          amount: plan(tier).price_monthly,
          reason: "card_declined",
        });
      else emit("invoice_paid", ts(day, 6), { amount: plan(tier).price_monthly });
    }
    if (
      !downgraded &&
      declineFrom &&
      churnDay &&
      day === addDays(churnDay, -Math.floor(declineDays / 2)) &&
      tier !== "Starter" &&
      rng.bool(0.25)
    ) {
      const to = TIERS[TIERS.indexOf(tier as (typeof TIERS)[number]) - 1]!;
      emit("plan_changed", ts(day, 18), { from: tier, to });
      emit("subscription_updated", ts(day, 18, 1), { plan: to, mrr: plan(to).price_monthly });
      tier = to;
      downgraded = true;
    }
  }
  if (trialFails && trialEnd && trialEnd <= lastDay)
    emit("trial_ended", ts(trialEnd, 0, 5), { converted: false });
  if (churnDay)
    emit("subscription_canceled", ts(churnDay, 9), {
      reason: churnReason,
      ...(churnReason === "budget" ? { feedback: "Too expensive for us right now" } : {}),
    });
  events.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));

  // The customer as first created; the events carry every later change (plan, status, end).
  const customer: SimulatedCustomer["customer"] = {
    id,
    name: `${rng.pick(["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell"])} ${rng.pick(["Labs", "Group", "Systems", "Co", "Analytics", "Works"])} ${index + 1}`,
    industry: rng.pick(INDUSTRIES),
    country: rng.pick(COUNTRIES),
    segment: initialTier === "Enterprise" ? "enterprise" : initialTier === "Pro" ? "mid-market" : "smb",
    owner: rng.pick(["ana@holdfast.demo", "ben@holdfast.demo", "chen@holdfast.demo", "dara@holdfast.demo"]),
    signup_date: signup,
    seats,
    consents: { email: true, sms: rng.bool(0.3), in_app: true },
    subscription: {
      id: `sub_${id}`,
      plan_tier: initialTier,
      status: trial ? "trialing" : "active",
      start_date: signup,
      end_date: null,
      trial_end: trialEnd,
      billing_frequency: annual ? "annual" : "monthly",
      auto_renew: true,
      mrr: plan(initialTier).price_monthly,
      seats,
    },
  };
  return {
    customer,
    events: events.filter((e) => e.timestamp.slice(0, 10) <= lastDay),
    truth: {
      customer_id: id,
      churn_propensity: Number(churnP.toFixed(4)),
      expansion_propensity: Number(expandP.toFixed(4)),
      churned_on: churnDay,
      churn_reason: churnReason,
      upgraded_on: upgradedOn,
    },
  };
}

/** Every customer in turn (streaming: one customer's events in memory at a time). */
export function* simulateWorkspace(o: WorkspaceOptions): Generator<SimulatedCustomer> {
  for (let i = 0; i < o.customers; i++) yield simulateCustomer(i, o);
}
export type { Rng };
