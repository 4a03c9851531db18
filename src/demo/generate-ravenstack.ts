/**
 * Deterministic synthetic-data generator in the RavenStack five-CSV format, plus a ground-truth file.
 *
 * Every customer gets a hidden churn propensity and expansion propensity. Those drive everything that
 * a risk model can observe (usage levels and trends, errors, tickets, satisfaction, downgrades) and the
 * churn outcome itself, so a model trained on the CSVs has a real signal to recover, and the ground
 * truth lets us score it. Output depends only on (customers, seed, end, months).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Rng } from "./prng.ts";
import { createRng, deriveSeed } from "./prng.ts";

export interface DemoOptions {
  customers: number;
  seed: number;
  /** YYYY-MM-DD, the last day of data. */
  end: string;
  /** History length in months, default 18. */
  months?: number;
}

export interface DemoFiles {
  accounts: string;
  subscriptions: string;
  feature_usage: string;
  support_tickets: string;
  churn_events: string;
  ground_truth: string;
}

export const DEMO_FILE_NAMES: Record<keyof DemoFiles, string> = {
  accounts: "ravenstack_accounts.csv",
  subscriptions: "ravenstack_subscriptions.csv",
  feature_usage: "ravenstack_feature_usage.csv",
  support_tickets: "ravenstack_support_tickets.csv",
  churn_events: "ravenstack_churn_events.csv",
  ground_truth: "ground_truth.csv",
};

export const DEMO_HEADERS: Record<keyof DemoFiles, string> = {
  accounts:
    "account_id,account_name,industry,country,signup_date,referral_source,plan_tier,seats,is_trial,churn_flag",
  subscriptions:
    "subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount,arr_amount,is_trial,upgrade_flag,downgrade_flag,churn_flag,billing_frequency,auto_renew_flag",
  feature_usage:
    "usage_id,subscription_id,usage_date,feature_name,usage_count,usage_duration_secs,error_count,is_beta_feature",
  support_tickets:
    "ticket_id,account_id,submitted_at,closed_at,resolution_time_hours,priority,first_response_time_minutes,satisfaction_score,escalation_flag",
  churn_events:
    "churn_event_id,account_id,churn_date,reason_code,refund_amount_usd,preceding_upgrade_flag,preceding_downgrade_flag,is_reactivation,feedback_text",
  ground_truth: "account_id,churn_propensity,expansion_propensity,churned,churn_date",
};

const FILE_KEYS = Object.keys(DEMO_FILE_NAMES) as (keyof DemoFiles)[];

// ---------------------------------------------------------------------------------------------
// Vocabulary

const TIERS = ["Basic", "Pro", "Enterprise"] as const;
type Tier = (typeof TIERS)[number];
const SEAT_RANGE: Record<Tier, readonly [number, number]> = {
  Basic: [1, 10],
  Pro: [5, 40],
  Enterprise: [20, 200],
};
const SEAT_PRICE: Record<Tier, number> = { Basic: 19, Pro: 49, Enterprise: 99 };
const MAX_SEATS = 1000;

const INDUSTRIES = ["EdTech", "FinTech", "DevTools", "HealthTech", "Cybersecurity"] as const;
const COUNTRIES = ["US", "UK", "IN", "DE", "FR", "CA", "AU"] as const;
const REFERRALS = ["organic", "partner", "ads", "event", "other"] as const;
const PRIORITIES = ["low", "medium", "high", "urgent"] as const;
type Priority = (typeof PRIORITIES)[number];

const FEATURE_COUNT = 40;
/** The last ten features are the beta ones. */
const FIRST_BETA_FEATURE = 31;
const FEATURES = Array.from({ length: FEATURE_COUNT }, (_, i) => `feature_${i + 1}`);

const REASONS = ["pricing", "budget", "features", "support", "competitor", "unknown"] as const;
type Reason = (typeof REASONS)[number];
const REASON_WEIGHTS = [0.2, 0.18, 0.2, 0.14, 0.16, 0.12];
// No commas, so feedback_text never needs CSV quoting.
const FEEDBACK: Record<Reason, readonly string[]> = {
  pricing: ["too expensive", "price increase at renewal", "found a cheaper plan"],
  budget: ["budget cuts", "cost reduction program", "no budget this quarter"],
  features: ["missing features", "needed more integrations", "product did not fit our workflow"],
  support: ["slow support", "issues never resolved", "poor support experience"],
  competitor: ["switched to a competitor", "moved to another tool", "better offer elsewhere"],
  unknown: ["no reason given", "other"],
};

// ---------------------------------------------------------------------------------------------
// Dates: all arithmetic on UTC day numbers (days since 1970-01-01).

const DAY_MS = 86_400_000;

function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`end must be YYYY-MM-DD, got ${JSON.stringify(text)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`end is not a valid date: ${text}`);
  }
  return ms / DAY_MS;
}

/** Same day-of-month `months` earlier, clamped to the end of shorter months (Mar 31 - 1 = Feb 28/29). */
function monthsBefore(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1));
  const daysInMonth = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const dom = Math.min(d.getUTCDate(), daysInMonth);
  return Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), dom) / DAY_MS;
}

/** Formatting dates is the hot path for usage rows, so cache the strings for the whole range. */
function makeDateFormatter(firstDay: number, lastDay: number): (day: number) => string {
  const cache: string[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    cache.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
  }
  return (day) => {
    const s = cache[day - firstDay];
    if (s === undefined) throw new RangeError(`day ${day} outside generated range`);
    return s;
  };
}

function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng.next();
const bool = (b: boolean): string => (b ? "True" : "False");

/** Python-float style decimals, as RavenStack writes them: `27.0`, `4.03`. */
function decimal(x: number, places: number): string {
  const f = 10 ** places;
  const s = String(Math.round(x * f) / f);
  return s.includes(".") ? s : `${s}.0`;
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Unique ids without a lookup set: a seeded bijective scramble of a running counter over 24 or 32 bits,
 * so ids look random but can never collide (and memory stays flat for millions of usage rows).
 */
function makeIdMinter(prefix: string, hexLen: 6 | 8, salt: number): () => string {
  const bits = hexLen * 4;
  const mask = bits === 32 ? -1 : (1 << bits) - 1;
  const shift = bits >>> 1;
  const capacity = 2 ** bits;
  let counter = 0;
  return () => {
    if (counter >= capacity) throw new RangeError(`more than ${capacity} ${prefix} ids requested`);
    // xor, odd multiply and xorshift are each invertible modulo 2^bits, so the composition is too.
    let x = (counter++ ^ salt) & mask;
    x = Math.imul(x, 0x2c1b3c6d) & mask;
    x ^= x >>> shift;
    x = Math.imul(x, 0x297a2d39) & mask;
    x ^= x >>> shift;
    return `${prefix}-${(x >>> 0).toString(16).padStart(hexLen, "0")}`;
  };
}

// ---------------------------------------------------------------------------------------------
// Simulation model

interface Window {
  startDay: number;
  endDay: number;
}

interface Subscription {
  id: string;
  start: number;
  /** Inclusive end day, or null while active at `end`. */
  end: number | null;
  /** Last day with possible usage (the day before churn, for churned subscriptions). */
  lastUsageDay: number;
  tier: Tier;
  seats: number;
  isTrial: boolean;
  upgrade: boolean;
  downgrade: boolean;
  churn: boolean;
  /** Add-on alongside the main plan (not part of the plan-change chain). */
  addon: boolean;
  /** Expected usage rows per day at normal activity. */
  usageRate: number;
}

interface Account {
  id: string;
  index: number;
  churnP: number;
  expansionP: number;
  isTrial: boolean;
  signup: number;
  /** First day inside the history window. */
  obsStart: number;
  /** When the account will churn, possibly after `end` (then it is still active in the data). */
  latentChurn: number;
  /** latentChurn if it falls within the data, else null. */
  churnDay: number | null;
  /** Usage starts fading this many days before latentChurn... */
  declineLength: number;
  /** ...down to (1 - declineDepth) of normal on the churn day. */
  declineDepth: number;
  /** Relative usage growth per year of tenure (expansion-driven). */
  growthPerYear: number;
  subs: Subscription[];
}

/** Relative activity on a given day: tenure growth times the pre-churn fade. */
function activity(acct: Account, day: number): number {
  const growth = 1 + (acct.growthPerYear * (day - acct.signup)) / 365;
  const fadeStart = acct.latentChurn - acct.declineLength;
  if (day < fadeStart) return growth;
  const progress = Math.min(1, (day - fadeStart) / acct.declineLength);
  return growth * (1 - acct.declineDepth * progress);
}

function pickTier(rng: Rng): Tier {
  return TIERS[weightedIndex(rng, [0.45, 0.35, 0.2])] as Tier;
}

function seatsFor(rng: Rng, tier: Tier): number {
  const [lo, hi] = SEAT_RANGE[tier];
  return rng.int(lo, hi);
}

interface PlanState {
  tier: Tier;
  seats: number;
  upgrade: boolean;
  downgrade: boolean;
}

/** A plan change: downgrades lean on churn propensity, upgrades on expansion propensity. */
function changePlan(rng: Rng, tier: Tier, seats: number, churnP: number, expansionP: number): PlanState {
  const direction = weightedIndex(rng, [0.1 + 0.6 * churnP, 0.1 + 0.7 * expansionP, 0.2]);
  const t = TIERS.indexOf(tier);
  if (direction === 0) {
    if (t > 0 && rng.bool(0.5)) {
      const lower = TIERS[t - 1] as Tier;
      return { tier: lower, seats: Math.min(seats, SEAT_RANGE[lower][1]), upgrade: false, downgrade: true };
    }
    return {
      tier,
      seats: Math.max(1, Math.floor(seats * uniform(rng, 0.5, 0.85))),
      upgrade: false,
      downgrade: true,
    };
  }
  if (direction === 1) {
    if (t < TIERS.length - 1 && rng.bool(0.5)) {
      const higher = TIERS[t + 1] as Tier;
      return { tier: higher, seats: Math.max(seats, SEAT_RANGE[higher][0]), upgrade: true, downgrade: false };
    }
    const grown = Math.min(MAX_SEATS, Math.max(seats + 1, Math.round(seats * uniform(rng, 1.2, 1.8))));
    return { tier, seats: grown, upgrade: true, downgrade: false };
  }
  // Sideways: a renewal or billing change, small seat drift, no flags.
  return { tier, seats: clamp(seats + rng.int(-2, 2), 1, MAX_SEATS), upgrade: false, downgrade: false };
}

function simulateAccount(
  rng: Rng,
  index: number,
  win: Window,
  mintAccount: () => string,
  mintSub: () => string,
): Account {
  // Logistic of a normal gives a Beta-like spread, skewed low (most customers are healthy).
  const z = rng.normal(0, 1);
  const churnP = sigmoid(-1.1 + 1.3 * z);
  // Weak negative correlation: unhappy customers rarely expand.
  const expansionZ = -0.35 * z + Math.sqrt(1 - 0.35 ** 2) * rng.normal(0, 1);
  const expansionP = sigmoid(-0.4 + 1.1 * expansionZ);
  const isTrial = rng.bool(0.15);

  // Most accounts sign up inside the window; some already existed when the history begins.
  const signup = rng.bool(0.15)
    ? rng.int(win.startDay - 365, win.startDay - 1)
    : rng.int(win.startDay, win.endDay - 7);
  const obsStart = Math.max(signup, win.startDay);

  // Exponential time to churn from the start of observation; trials churn more.
  const monthlyHazard = 0.004 + 0.11 * churnP ** 1.5 + (isTrial ? 0.03 : 0);
  const waitDays = Math.round(-Math.log(1 - rng.next()) / (monthlyHazard / 30));
  const latentChurn = Math.max(signup + 21, obsStart + waitDays);
  const churnDay = latentChurn <= win.endDay ? latentChurn : null;

  // High propensity: the fade starts earlier (30 to 90 days out) and goes deeper.
  const declineLength = Math.round(clamp(rng.normal(30 + 60 * churnP, 8), 21, 100));
  const declineDepth = clamp(0.35 + 0.6 * churnP + rng.normal(0, 0.05), 0.2, 0.95);
  const growthPerYear = Math.max(0, 0.9 * (expansionP - 0.3));

  const acct: Account = {
    id: mintAccount(),
    index,
    churnP,
    expansionP,
    isTrial,
    signup,
    obsStart,
    latentChurn,
    churnDay,
    declineLength,
    declineDepth,
    growthPerYear,
    subs: [],
  };
  buildSubscriptions(rng, acct, win, mintSub);
  return acct;
}

/**
 * 1 to 3 subscriptions: a main chain (the first plan, replaced at each plan change) plus optional
 * add-ons that start later. Everything still running ends on the churn day for churners.
 */
function buildSubscriptions(rng: Rng, acct: Account, win: Window, mintSub: () => string): void {
  const { churnP, expansionP, churnDay } = acct;
  const lifeLast = churnDay ?? win.endDay;
  const r = rng.next();
  let extras = r < 0.7 ? 0 : r < 0.92 ? 1 : 2;
  const spanLo = Math.max(acct.signup + 30, win.startDay);
  const spanHi = lifeLast - 14;
  if (spanHi - spanLo < 30) extras = 0;

  const changes: number[] = [];
  const addonStarts: number[] = [];
  for (let i = 0; i < extras; i++) {
    (rng.bool(0.4) ? addonStarts : changes).push(rng.int(spanLo, spanHi));
  }
  changes.sort((a, b) => a - b);

  const churnEnd = (): { end: number | null; lastUsageDay: number; churn: boolean } =>
    churnDay === null
      ? { end: null, lastUsageDay: win.endDay, churn: false }
      : { end: churnDay, lastUsageDay: churnDay - 1, churn: true };

  const baseRate = 1 / uniform(rng, 5, 11);
  let plan: PlanState = { tier: pickTier(rng), seats: 0, upgrade: false, downgrade: false };
  plan.seats = seatsFor(rng, plan.tier);
  let segStart = acct.signup;
  for (const cp of changes) {
    if (cp <= segStart) continue; // two changes on the same day collapse into one
    acct.subs.push({
      id: mintSub(),
      start: segStart,
      end: cp - 1,
      lastUsageDay: cp - 1,
      ...plan,
      isTrial: acct.isTrial && segStart === acct.signup,
      churn: false,
      addon: false,
      usageRate: baseRate,
    });
    plan = changePlan(rng, plan.tier, plan.seats, churnP, expansionP);
    segStart = cp;
  }
  acct.subs.push({
    id: mintSub(),
    start: segStart,
    ...churnEnd(),
    ...plan,
    isTrial: acct.isTrial && segStart === acct.signup,
    addon: false,
    usageRate: baseRate,
  });

  for (const start of addonStarts) {
    const tier: Tier = rng.bool(0.7) ? "Basic" : "Pro";
    const seats = rng.int(1, 5);
    const cancelEarly = rng.bool(0.25) && lifeLast - 1 >= start + 30;
    const ending = cancelEarly
      ? (() => {
          const end = rng.int(start + 30, lifeLast - 1);
          return { end, lastUsageDay: end, churn: false };
        })()
      : churnEnd();
    acct.subs.push({
      id: mintSub(),
      start,
      ...ending,
      tier,
      seats,
      isTrial: false,
      upgrade: false,
      downgrade: false,
      addon: true,
      // Add-ons are used less than the main product.
      usageRate: baseRate * 0.5,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Row emitters

type Lines = Record<keyof DemoFiles, string[]>;

interface Emitter {
  win: Window;
  date: (day: number) => string;
  mintUsage: () => string;
  mintTicket: () => string;
  mintChurn: () => string;
  lines: Lines;
}

function emitAccount(rng: Rng, acct: Account, out: Emitter): void {
  const mainChain = acct.subs.filter((s) => !s.addon);
  const current = mainChain[mainChain.length - 1] as Subscription;
  out.lines.accounts.push(
    [
      acct.id,
      `Company_${acct.index + 1}`,
      rng.pick(INDUSTRIES),
      rng.pick(COUNTRIES),
      out.date(acct.signup),
      rng.pick(REFERRALS),
      current.tier,
      current.seats,
      bool(acct.isTrial),
      bool(acct.churnDay !== null),
    ].join(","),
  );

  // Risky customers prefer monthly billing and switch auto-renew off.
  const annual = rng.bool(0.3 + (current.tier === "Enterprise" ? 0.2 : 0) - 0.2 * acct.churnP);
  const autoRenew = rng.bool(0.92 - 0.45 * acct.churnP);
  for (const sub of acct.subs) {
    const mrr = sub.seats * SEAT_PRICE[sub.tier];
    out.lines.subscriptions.push(
      [
        sub.id,
        acct.id,
        out.date(sub.start),
        sub.end === null ? "" : out.date(sub.end),
        sub.tier,
        sub.seats,
        mrr,
        mrr * 12,
        bool(sub.isTrial),
        bool(sub.upgrade),
        bool(sub.downgrade),
        bool(sub.churn),
        annual ? "annual" : "monthly",
        bool(autoRenew),
      ].join(","),
    );
  }

  // Each customer leans on a handful of favourite features.
  const favourites = Array.from({ length: 5 }, () => rng.int(0, FEATURE_COUNT - 1));
  const usageMean = Math.exp(rng.normal(Math.log(5), 0.4));
  for (const sub of acct.subs) emitUsage(rng, acct, sub, favourites, usageMean, out);

  emitTickets(rng, acct, out);
  if (acct.churnDay !== null) emitChurnEvent(rng, acct, current, out);

  out.lines.ground_truth.push(
    [
      acct.id,
      acct.churnP.toFixed(4),
      acct.expansionP.toFixed(4),
      bool(acct.churnDay !== null),
      acct.churnDay === null ? "" : out.date(acct.churnDay),
    ].join(","),
  );
}

/** Sparse daily usage: both how often and how much a customer uses the product follow `activity`. */
function emitUsage(
  rng: Rng,
  acct: Account,
  sub: Subscription,
  favourites: readonly number[],
  usageMean: number,
  out: Emitter,
): void {
  const from = Math.max(sub.start, out.win.startDay);
  const to = Math.min(sub.lastUsageDay, out.win.endDay);
  // Unhappy customers use the product a bit less even when not fading, and hit more errors.
  const level = 1.15 - 0.4 * acct.churnP;
  const errorsPerUse = 0.02 + 0.15 * acct.churnP;
  const lines = out.lines.feature_usage;
  for (let day = from; day <= to; day++) {
    const act = activity(acct, day);
    if (rng.next() >= Math.min(0.9, sub.usageRate * act)) continue;
    const count = 1 + rng.poisson(usageMean * level * act);
    const feature = rng.bool(0.7) ? rng.pick(favourites) : rng.int(0, FEATURE_COUNT - 1);
    const duration = Math.round(count * Math.max(5, rng.normal(90, 35)));
    const errors = rng.poisson(count * errorsPerUse);
    lines.push(
      `${out.mintUsage()},${sub.id},${out.date(day)},${FEATURES[feature]},${count},${duration},${errors},${bool(feature + 1 >= FIRST_BETA_FEATURE)}`,
    );
  }
}

const RESPONSE_FACTOR: Record<Priority, number> = { low: 1.5, medium: 1, high: 0.6, urgent: 0.3 };

function emitTickets(rng: Rng, acct: Account, out: Emitter): void {
  // Submit no later than a week before `end` so every ticket is closed inside the data (resolution < 7d).
  const lastSubmit = Math.min(acct.churnDay ?? out.win.endDay, out.win.endDay - 7);
  if (lastSubmit < acct.obsStart) return;
  const p = acct.churnP;
  const days: number[] = [];
  const baseCount = rng.poisson(((0.1 + 0.7 * p) * (lastSubmit - acct.obsStart + 1)) / 30);
  for (let i = 0; i < baseCount; i++) days.push(rng.int(acct.obsStart, lastSubmit));
  // Frustration tickets while usage fades before churn (only the part of the fade inside the data).
  const fadeStart = Math.max(acct.obsStart, acct.latentChurn - acct.declineLength);
  if (fadeStart <= lastSubmit) {
    const visible = Math.min(1, (lastSubmit - fadeStart + 1) / acct.declineLength);
    const extra = rng.poisson((0.5 + 2.5 * p) * visible);
    for (let i = 0; i < extra; i++) days.push(rng.int(fadeStart, lastSubmit));
  }
  days.sort((a, b) => a - b);

  for (const day of days) {
    const priority = PRIORITIES[
      weightedIndex(rng, [0.35 - 0.2 * p, 0.35, 0.2 + 0.1 * p, 0.1 + 0.1 * p])
    ] as Priority;
    // Whole tenths of an hour, so closed_at lands on an exact minute.
    const tenths = Math.round(10 * clamp(Math.exp(rng.normal(Math.log(10 + 30 * p), 0.8)), 0.5, 160));
    const firstResponse = Math.round(
      clamp(Math.exp(rng.normal(Math.log(45 + 150 * p), 0.8)) * RESPONSE_FACTOR[priority], 1, 2880),
    );
    // A quarter of tickets never get a satisfaction rating.
    const satisfaction = rng.bool(0.25)
      ? ""
      : decimal(clamp(Math.round(rng.normal(4.4 - 2.4 * p, 0.8)), 1, 5), 1);
    const escalated = rng.bool(0.03 + 0.3 * p + (priority === "urgent" ? 0.1 : 0));
    out.lines.support_tickets.push(
      [
        out.mintTicket(),
        acct.id,
        out.date(day),
        formatDateTime(day * DAY_MS + tenths * 360_000),
        decimal(tenths / 10, 1),
        priority,
        firstResponse,
        satisfaction,
        bool(escalated),
      ].join(","),
    );
  }
}

function emitChurnEvent(rng: Rng, acct: Account, current: Subscription, out: Emitter): void {
  const reason = REASONS[weightedIndex(rng, REASON_WEIGHTS)] as Reason;
  const refund = rng.bool(0.3) ? current.seats * SEAT_PRICE[current.tier] * uniform(rng, 0.05, 0.6) : 0;
  const feedback = rng.bool(0.4) ? "" : rng.pick(FEEDBACK[reason]);
  out.lines.churn_events.push(
    [
      out.mintChurn(),
      acct.id,
      out.date(acct.churnDay as number),
      reason,
      decimal(refund, 2),
      bool(acct.subs.some((s) => s.upgrade)),
      bool(acct.subs.some((s) => s.downgrade)),
      bool(false),
      feedback,
    ].join(","),
  );
}

// ---------------------------------------------------------------------------------------------
// Public API

function validate(opts: DemoOptions): number {
  if (!Number.isInteger(opts.customers) || opts.customers < 0) {
    throw new RangeError(`customers must be a non-negative integer, got ${opts.customers}`);
  }
  if (!Number.isInteger(opts.seed)) throw new RangeError(`seed must be an integer, got ${opts.seed}`);
  const months = opts.months ?? 18;
  if (!Number.isInteger(months) || months < 1 || months > 240) {
    throw new RangeError(`months must be an integer in [1, 240], got ${months}`);
  }
  return months;
}

function generateLines(opts: DemoOptions): Lines {
  const months = validate(opts);
  const endDay = parseDay(opts.end);
  const win: Window = { startDay: monthsBefore(endDay, months), endDay };
  // Accounts may predate the window by up to a year.
  const date = makeDateFormatter(win.startDay - 365, endDay);
  const salt = (kind: number): number => deriveSeed(opts.seed, 0x1d5eed, kind) | 0;
  const mintAccount = makeIdMinter("A", 6, salt(1));
  const mintSub = makeIdMinter("S", 6, salt(2));
  const out: Emitter = {
    win,
    date,
    mintUsage: makeIdMinter("U", 8, salt(3)),
    mintTicket: makeIdMinter("T", 6, salt(4)),
    mintChurn: makeIdMinter("C", 6, salt(5)),
    lines: {
      accounts: [DEMO_HEADERS.accounts],
      subscriptions: [DEMO_HEADERS.subscriptions],
      feature_usage: [DEMO_HEADERS.feature_usage],
      support_tickets: [DEMO_HEADERS.support_tickets],
      churn_events: [DEMO_HEADERS.churn_events],
      ground_truth: [DEMO_HEADERS.ground_truth],
    },
  };
  for (let i = 0; i < opts.customers; i++) {
    // A private stream per customer keeps each customer's story independent of the others.
    const rng = createRng(deriveSeed(opts.seed, i));
    const acct = simulateAccount(rng, i, win, mintAccount, mintSub);
    emitAccount(rng, acct, out);
  }
  return out.lines;
}

const toCsv = (lines: readonly string[]): string => `${lines.join("\n")}\n`;

export function generateRavenstack(opts: DemoOptions): DemoFiles {
  const lines = generateLines(opts);
  return {
    accounts: toCsv(lines.accounts),
    subscriptions: toCsv(lines.subscriptions),
    feature_usage: toCsv(lines.feature_usage),
    support_tickets: toCsv(lines.support_tickets),
    churn_events: toCsv(lines.churn_events),
    ground_truth: toCsv(lines.ground_truth),
  };
}

/** Writes the six CSVs into `dir` (created if needed). `counts` are data rows per file, keyed like DemoFiles. */
export async function writeDemo(
  dir: string,
  opts: DemoOptions,
): Promise<{ files: string[]; counts: Record<string, number> }> {
  const lines = generateLines(opts);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const counts: Record<string, number> = {};
  for (const key of FILE_KEYS) {
    const path = join(dir, DEMO_FILE_NAMES[key]);
    await writeFile(path, toCsv(lines[key]));
    files.push(path);
    counts[key] = lines[key].length - 1;
  }
  return { files, counts };
}
