import type { ScoreInput } from "./input.ts";

const DAY_MS = 86_400_000;
/** Midnight UTC of each day seen (a memo: replays parse the same few hundred days millions of times). */
const dayMs = new Map<string, number>();
/** Days from `day` to `asOf` (0 = asOf itself). */
export function daysBefore(asOfMs: number, day: string): number {
  let ms = dayMs.get(day);
  if (ms === undefined) {
    if (dayMs.size >= 20_000) dayMs.clear();
    ms = Date.parse(`${day}T00:00:00Z`);
    dayMs.set(day, ms);
  }
  return Math.round((asOfMs - ms) / DAY_MS);
}

/** Everything the scores read, computed in one pass over the customer's rollups. */
export interface Signals {
  hasData: boolean;
  /** Days since signup, null when unknown. */
  tenureDays: number | null;
  activeDays30: number;
  activeDaysPrior30: number;
  /** Active days in each of the last 8 weeks (index 0 = the 7 days ending asOf). */
  activeWeeks8: number;
  daysSinceActive: number | null;
  sessions14: number;
  /** Average sessions per 14 days over days 14-69 (the customer's own 8-week baseline). */
  sessionsBaseline14: number;
  api7: number;
  apiPrior7: number;
  features30: number;
  featuresPrior30: number;
  featureUses30: number;
  featureUsesPrior30: number;
  sessions30: number;
  sessionsPrior30: number;
  errors30: number;
  billingViews14: number;
  /** Average billing + pricing views per 14 days over days 14-69. */
  billingViewsBaseline14: number;
  cancelViews30: number;
  settingsViews30: number;
  integrations: number;
  integrations30: number;
  paymentsFailed30: number;
  downgrades90: number;
  upgrades90: number;
  tickets30: number;
  negative30: number;
  negativePrior: number;
  ticketsPrior: number;
  churnIntent30: number;
  /** Customer NPS over the latest answer of each respondent, null without answers. */
  nps: number | null;
  npsResponses: number;
  meters: { meter: string; value: number; limit: number | null; value14: number | null }[];
}

/** Signals of one customer as of `asOf` (rows after asOf are ignored). */
export function computeSignals(input: ScoreInput, asOf: string): Signals {
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const s: Signals = {
    hasData: false,
    tenureDays: input.profile.signupDate ? daysBefore(asOfMs, input.profile.signupDate) : null,
    activeDays30: 0,
    activeDaysPrior30: 0,
    activeWeeks8: 0,
    daysSinceActive: null,
    sessions14: 0,
    sessionsBaseline14: 0,
    api7: 0,
    apiPrior7: 0,
    features30: 0,
    featuresPrior30: 0,
    featureUses30: 0,
    featureUsesPrior30: 0,
    sessions30: 0,
    sessionsPrior30: 0,
    errors30: 0,
    billingViews14: 0,
    billingViewsBaseline14: 0,
    cancelViews30: 0,
    settingsViews30: 0,
    integrations: 0,
    integrations30: 0,
    paymentsFailed30: 0,
    downgrades90: 0,
    upgrades90: 0,
    tickets30: 0,
    negative30: 0,
    negativePrior: 0,
    ticketsPrior: 0,
    churnIntent30: 0,
    nps: null,
    npsResponses: 0,
    meters: [],
  };
  const activeDays = new Set<number>();
  const f30 = new Set<string>();
  const fPrior = new Set<string>();
  let sessionsBase = 0;
  let billingBase = 0;
  const meterLatest = new Map<string, { d: number; value: number }>();
  const meter14 = new Map<string, { d: number; value: number }>();
  const limits = new Map<string, { d: number; value: number }>();
  // Rollups come a few cells per day, usually in day order: parse each day once.
  let lastDay = "";
  let d = 0;
  for (const m of input.metrics) {
    if (m.day !== lastDay) {
      lastDay = m.day;
      d = daysBefore(asOfMs, m.day);
    }
    if (d < 0) continue;
    s.hasData = true;
    const v = m.value;
    switch (m.metric) {
      case "sessions":
        if (v > 0) activeDays.add(d);
        if (d < 14) s.sessions14 += v;
        else if (d < 70) sessionsBase += v;
        if (d < 30) s.sessions30 += v;
        else if (d < 60) s.sessionsPrior30 += v;
        break;
      case "api_calls":
        if (v > 0) activeDays.add(d);
        if (d < 7) s.api7 += v;
        else if (d < 14) s.apiPrior7 += v;
        break;
      case "feature_uses":
        if (v > 0) activeDays.add(d);
        if (d < 30) {
          f30.add(m.key);
          s.featureUses30 += v;
        } else if (d < 60) {
          fPrior.add(m.key);
          s.featureUsesPrior30 += v;
        }
        break;
      case "errors":
        if (d < 30) s.errors30 += v;
        break;
      case "page_views":
        if (v > 0) activeDays.add(d);
        if (m.key === "billing" || m.key === "pricing") {
          if (d < 14) s.billingViews14 += v;
          else if (d < 70) billingBase += v;
        } else if (m.key === "cancel") {
          if (d < 30) s.cancelViews30 += v;
        } else if (m.key === "settings") {
          if (d < 30) s.settingsViews30 += v;
        }
        break;
      case "integrations_connected":
        s.integrations += v;
        if (d < 30) s.integrations30 += v;
        break;
      case "payments_failed":
        if (d < 30) s.paymentsFailed30 += v;
        break;
      case "downgrades":
        if (d < 90) s.downgrades90 += v;
        break;
      case "upgrades":
        if (d < 90) s.upgrades90 += v;
        break;
      case "meter_value": {
        const cur = meterLatest.get(m.key);
        if (!cur || d < cur.d) meterLatest.set(m.key, { d, value: v });
        if (d >= 14) {
          const old = meter14.get(m.key);
          if (!old || d < old.d) meter14.set(m.key, { d, value: v });
        }
        break;
      }
      case "meter_limit": {
        const cur = limits.get(m.key);
        if (!cur || d < cur.d) limits.set(m.key, { d, value: v });
        break;
      }
      default:
        break;
    }
  }
  let weeks = 0;
  for (const d of activeDays) {
    if (d < 30) s.activeDays30++;
    else if (d < 60) s.activeDaysPrior30++;
    if (s.daysSinceActive === null || d < s.daysSinceActive) s.daysSinceActive = d;
  }
  for (let w = 0; w < 8; w++) {
    for (let d = w * 7; d < w * 7 + 7; d++) {
      if (activeDays.has(d)) {
        weeks++;
        break;
      }
    }
  }
  s.activeWeeks8 = weeks;
  s.sessionsBaseline14 = (sessionsBase / 56) * 14;
  s.billingViewsBaseline14 = (billingBase / 56) * 14;
  s.features30 = f30.size;
  s.featuresPrior30 = fPrior.size;
  for (const [meter, latest] of meterLatest) {
    const limit = limits.get(meter)?.value ?? input.profile.planLimits[meter] ?? null;
    const old = meter14.get(meter);
    s.meters.push({ meter, value: latest.value, limit, value14: old ? old.value : null });
  }
  for (const t of input.tickets) {
    const d = daysBefore(asOfMs, t.day);
    if (d < 0) continue;
    s.hasData = true;
    if (d < 30) {
      s.tickets30++;
      if (t.sentiment === "negative") s.negative30++;
      if (t.churnIntent) s.churnIntent30++;
    } else if (d < 90) {
      s.ticketsPrior++;
      if (t.sentiment === "negative") s.negativePrior++;
    }
  }
  let promoters = 0;
  let detractors = 0;
  for (const a of input.nps) {
    if (daysBefore(asOfMs, a.day) < 0) continue;
    s.npsResponses++;
    if (a.score >= 9) promoters++;
    else if (a.score <= 6) detractors++;
  }
  if (s.npsResponses > 0) s.nps = Math.round(((promoters - detractors) / s.npsResponses) * 100);
  return s;
}

export const pct = (x: number): string => `${Math.round(x * 100)}%`;
export const clamp = (x: number, lo = 0, hi = 100): number => Math.min(hi, Math.max(lo, x));
