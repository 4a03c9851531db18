import type { ScoreInput } from "../scores/input.ts";
import { computeSignals, type Signals } from "../scores/signals.ts";
import type { Dataset, FeatureSpec } from "./types.ts";

/**
 * The churn and expansion models' one feature vector (pure): the signal values the scores read
 * (`computeSignals`, the same code that scores customers), the customer's plan, ARR, seats,
 * tenure and status as of the day, and custom traits by type. Training snapshots and live
 * scoring both go through `featureRow`, so a model sees the same columns in both.
 */

/** What a snapshot knows of a customer's account as of its day (from facts dated up to it). */
export interface AccountFacts {
  planTier: string | null;
  arr: number | null;
  seats: number | null;
  /** A failed payment not yet followed by a successful one, as of the day. */
  pastDue: boolean;
  paused: boolean;
  trialing: boolean;
  billingFrequency: string | null;
}

export type TraitValue = string | number | boolean | null;

/** How a custom trait becomes a feature: numbers and booleans numeric, strings a category. */
export interface TraitSpec {
  key: string;
  type: "number" | "boolean" | "string";
  /** String traits: the categories kept (the most frequent in training); others are missing. */
  categories?: string[];
}

/** The feature layout a model was trained with (stored with it; scoring rebuilds rows from it). */
export interface FeatureLayout {
  plans: string[];
  traits: TraitSpec[];
}

interface NumericFeature {
  name: string;
  value(s: Signals): number;
  /** The feature's value in words (for reasons). */
  words(v: number): string;
}

const NA = Number.NaN;
const ratio = (now: number, before: number) => (before > 0 ? now / before - 1 : NA);
const change = (v: number, what: string, span: string) =>
  Number.isNaN(v)
    ? `${what}: no earlier ${span} to compare`
    : `${what} ${v < 0 ? "down" : "up"} ${Math.round(Math.abs(v) * 100)}% ${span}`;

const SIGNAL_FEATURES: NumericFeature[] = [
  { name: "tenure_days", value: (s) => s.tenureDays ?? NA, words: (v) => `Customer for ${v} days` },
  {
    name: "active_days_30",
    value: (s) => s.activeDays30,
    words: (v) => `Active ${v} of the last 30 days`,
  },
  {
    name: "active_days_change",
    value: (s) => ratio(s.activeDays30, s.activeDaysPrior30),
    words: (v) => change(v, "Active days", "on the month before"),
  },
  {
    name: "active_weeks_8",
    value: (s) => s.activeWeeks8,
    words: (v) => `Active in ${v} of the last 8 weeks`,
  },
  {
    name: "days_since_active",
    value: (s) => s.daysSinceActive ?? NA,
    words: (v) => (Number.isNaN(v) ? "No activity in 120 days" : `Last active ${v} days ago`),
  },
  { name: "sessions_14", value: (s) => s.sessions14, words: (v) => `${v} sessions in 14 days` },
  {
    name: "sessions_vs_baseline",
    value: (s) => ratio(s.sessions14, s.sessionsBaseline14),
    words: (v) => change(v, "Sessions", "against own 8-week baseline"),
  },
  {
    name: "sessions_change_30",
    value: (s) => ratio(s.sessions30, s.sessionsPrior30),
    words: (v) => change(v, "Sessions", "in 30 days"),
  },
  { name: "api_calls_7", value: (s) => s.api7, words: (v) => `${v} API calls in 7 days` },
  {
    name: "api_calls_change",
    value: (s) => ratio(s.api7, s.apiPrior7),
    words: (v) => change(v, "API calls", "week over week"),
  },
  { name: "features_30", value: (s) => s.features30, words: (v) => `${v} features used in 30 days` },
  {
    name: "feature_breadth_change",
    value: (s) => ratio(s.features30, s.featuresPrior30),
    words: (v) => change(v, "Features used", "on the month before"),
  },
  { name: "feature_uses_30", value: (s) => s.featureUses30, words: (v) => `${v} feature uses in 30 days` },
  {
    name: "feature_use_change",
    value: (s) => ratio(s.featureUses30, s.featureUsesPrior30),
    words: (v) => change(v, "Feature use", "in 30 days"),
  },
  { name: "errors_30", value: (s) => s.errors30, words: (v) => `${v} errors in 30 days` },
  {
    name: "billing_views_vs_baseline",
    value: (s) => ratio(s.billingViews14, s.billingViewsBaseline14),
    words: (v) => change(v, "Billing and pricing page views", "against own baseline"),
  },
  {
    name: "billing_views_14",
    value: (s) => s.billingViews14,
    words: (v) => `${v} billing or pricing views in 14 days`,
  },
  {
    name: "cancel_views_30",
    value: (s) => s.cancelViews30,
    words: (v) => `Visited the cancel page ${v} time(s) in 30 days`,
  },
  {
    name: "settings_views_30",
    value: (s) => s.settingsViews30,
    words: (v) => `${v} settings page views in 30 days`,
  },
  { name: "integrations", value: (s) => s.integrations, words: (v) => `${v} integration(s) connected` },
  {
    name: "payments_failed_30",
    value: (s) => s.paymentsFailed30,
    words: (v) => `${v} failed payment(s) in 30 days`,
  },
  { name: "downgrades_90", value: (s) => s.downgrades90, words: (v) => `${v} downgrade(s) in 90 days` },
  { name: "upgrades_90", value: (s) => s.upgrades90, words: (v) => `${v} upgrade(s) in 90 days` },
  { name: "tickets_30", value: (s) => s.tickets30, words: (v) => `${v} ticket(s) in 30 days` },
  {
    name: "negative_tickets_30",
    value: (s) => s.negative30,
    words: (v) => `${v} negative ticket(s) in 30 days`,
  },
  {
    name: "tickets_prior_60",
    value: (s) => s.ticketsPrior,
    words: (v) => `${v} ticket(s) in the 60 days before`,
  },
  {
    name: "churn_intent_30",
    value: (s) => s.churnIntent30,
    words: (v) => `${v} ticket(s) in 30 days say they may leave`,
  },
  { name: "nps", value: (s) => s.nps ?? NA, words: (v) => (Number.isNaN(v) ? "No NPS answer" : `NPS ${v}`) },
  {
    name: "max_meter_use",
    value: (s) => maxMeterUse(s),
    words: (v) =>
      Number.isNaN(v) ? "No plan meter" : `Highest plan meter at ${Math.round(v * 100)}% of its limit`,
  },
];

function maxMeterUse(s: Signals): number {
  let max = NA;
  for (const m of s.meters)
    if (m.limit !== null && m.limit > 0)
      max = Number.isNaN(max) ? m.value / m.limit : Math.max(max, m.value / m.limit);
  return max;
}

const ACCOUNT_FEATURES = ["arr", "seats", "past_due", "paused", "trialing", "annual"] as const;
const ACCOUNT_WORDS: Record<(typeof ACCOUNT_FEATURES)[number], (v: number) => string> = {
  arr: (v) => (Number.isNaN(v) ? "ARR unknown" : `ARR ${Math.round(v)}`),
  seats: (v) => (Number.isNaN(v) ? "Seats unknown" : `${v} seats`),
  past_due: (v) => (v === 1 ? "Payment past due" : "Payments up to date"),
  paused: (v) => (v === 1 ? "Subscription paused" : "Subscription not paused"),
  trialing: (v) => (v === 1 ? "On a trial" : "Not on a trial"),
  annual: (v) => (v === 1 ? "Billed annually" : "Billed monthly"),
};

/** The feature specs of a layout, in column order. */
export function featureSpecs(layout: FeatureLayout): FeatureSpec[] {
  const out: FeatureSpec[] = SIGNAL_FEATURES.map((f) => ({ name: f.name, kind: "numeric" as const }));
  for (const name of ACCOUNT_FEATURES) out.push({ name, kind: "numeric" });
  out.push({ name: "plan", kind: "categorical", categories: [...layout.plans] });
  for (const t of layout.traits) {
    if (t.type === "string")
      out.push({ name: `trait:${t.key}`, kind: "categorical", categories: [...(t.categories ?? [])] });
    else out.push({ name: `trait:${t.key}`, kind: "numeric" });
  }
  return out;
}

/** One customer's feature row as of `asOf` into `row` (length = featureSpecs(layout).length). */
export function featureRow(
  layout: FeatureLayout,
  input: ScoreInput,
  asOf: string,
  facts: AccountFacts,
  traits: Readonly<Record<string, unknown>> | null,
  row: Float64Array,
  signals: Signals = computeSignals(input, asOf),
): Signals {
  let j = 0;
  for (const f of SIGNAL_FEATURES) row[j++] = f.value(signals);
  row[j++] = facts.arr ?? NA;
  row[j++] = facts.seats ?? NA;
  row[j++] = facts.pastDue ? 1 : 0;
  row[j++] = facts.paused ? 1 : 0;
  row[j++] = facts.trialing ? 1 : 0;
  row[j++] = facts.billingFrequency === null ? NA : facts.billingFrequency === "annual" ? 1 : 0;
  const plan = facts.planTier === null ? -1 : layout.plans.indexOf(facts.planTier);
  row[j++] = plan < 0 ? NA : plan;
  for (const t of layout.traits) row[j++] = traitValue(t, traits?.[t.key]);
  return signals;
}

function traitValue(t: TraitSpec, v: unknown): number {
  if (v === null || v === undefined) return NA;
  if (t.type === "number") return typeof v === "number" && Number.isFinite(v) ? v : NA;
  if (t.type === "boolean") return typeof v === "boolean" ? (v ? 1 : 0) : NA;
  const i = typeof v === "string" ? (t.categories ?? []).indexOf(v) : -1;
  return i < 0 ? NA : i;
}

/** Most string-trait categories kept as one-hot columns. */
const MAX_TRAIT_CATEGORIES = 20;
/** Most custom traits turned into features. */
const MAX_TRAITS = 40;

/**
 * The traits worth a column, by type: a key whose values are all numbers (or all booleans, or
 * all strings) on at least 5% of the customers. Mixed-type keys are left out.
 */
export function traitSpecs(all: readonly (Readonly<Record<string, unknown>> | null)[]): TraitSpec[] {
  const seen = new Map<
    string,
    { type: TraitSpec["type"] | "mixed"; n: number; counts: Map<string, number> }
  >();
  for (const traits of all) {
    if (!traits) continue;
    for (const [key, v] of Object.entries(traits)) {
      const type =
        typeof v === "number"
          ? "number"
          : typeof v === "boolean"
            ? "boolean"
            : typeof v === "string"
              ? "string"
              : null;
      if (type === null) continue;
      let e = seen.get(key);
      if (!e) {
        e = { type, n: 0, counts: new Map() };
        seen.set(key, e);
      }
      if (e.type !== type) e.type = "mixed";
      e.n++;
      if (type === "string") e.counts.set(v as string, (e.counts.get(v as string) ?? 0) + 1);
    }
  }
  const out: TraitSpec[] = [];
  for (const [key, e] of [...seen].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))) {
    if (e.type === "mixed" || e.n < Math.max(1, all.length * 0.05) || out.length >= MAX_TRAITS) continue;
    if (e.type === "string") {
      const categories = [...e.counts]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_TRAIT_CATEGORIES)
        .map(([c]) => c);
      if (categories.length >= 2) out.push({ key, type: "string", categories });
    } else out.push({ key, type: e.type });
  }
  return out;
}

/** Column-major rows gathered one at a time (grown by doubling), then handed out as a Dataset. */
export class DatasetBuilder {
  readonly features: FeatureSpec[];
  private cols: Float64Array[];
  private labels: Uint8Array;
  n = 0;
  readonly row: Float64Array;
  constructor(features: FeatureSpec[], capacity = 1024) {
    this.features = features;
    this.cols = features.map(() => new Float64Array(capacity));
    this.labels = new Uint8Array(capacity);
    this.row = new Float64Array(features.length);
  }
  /** Appends `this.row` with its label. */
  push(label: boolean): void {
    if (this.n === this.labels.length) {
      const cap = this.n * 2;
      this.cols = this.cols.map((c) => {
        const next = new Float64Array(cap);
        next.set(c);
        return next;
      });
      const y = new Uint8Array(cap);
      y.set(this.labels);
      this.labels = y;
    }
    for (let j = 0; j < this.cols.length; j++) this.cols[j]![this.n] = this.row[j]!;
    this.labels[this.n] = label ? 1 : 0;
    this.n++;
  }
  build(): Dataset {
    return {
      n: this.n,
      features: this.features,
      columns: this.cols.map((c) => c.slice(0, this.n)),
      y: this.labels.slice(0, this.n),
    };
  }
}

/** A feature's value in words, for a reason ("API calls down 58% week over week"). */
export function featureWords(spec: FeatureSpec, value: number, layout: FeatureLayout): string {
  const signal = SIGNAL_FEATURES.find((f) => f.name === spec.name);
  if (signal) return signal.words(value);
  if (spec.name in ACCOUNT_WORDS) return ACCOUNT_WORDS[spec.name as keyof typeof ACCOUNT_WORDS](value);
  if (spec.name === "plan")
    return Number.isNaN(value) ? "Plan unknown" : `On the ${layout.plans[value] ?? "?"} plan`;
  if (spec.name.startsWith("trait:")) {
    const key = spec.name.slice(6);
    if (Number.isNaN(value)) return `${key} not set`;
    if (spec.kind === "categorical") return `${key} is ${spec.categories?.[value] ?? "?"}`;
    return `${key} = ${Number(value.toFixed(2))}`;
  }
  return `${spec.name} = ${value}`;
}

export interface ModelReason {
  feature: string;
  value: number | null;
  /** Contribution to the log-odds of the outcome. */
  effect: number;
  text: string;
}

/**
 * The largest contributions as reasons in words, strongest first ("API calls down 58% week
 * over week: +0.12"), positive (towards the outcome) and negative alike.
 */
export function contributionReasons(
  specs: readonly FeatureSpec[],
  row: Float64Array,
  values: Float64Array,
  layout: FeatureLayout,
  limit = 5,
): ModelReason[] {
  const order = [...values.keys()].sort((a, b) => Math.abs(values[b]!) - Math.abs(values[a]!));
  const out: ModelReason[] = [];
  for (const j of order) {
    const effect = values[j]!;
    if (out.length >= limit || Math.abs(effect) < 0.005) break;
    const v = row[j]!;
    const words = featureWords(specs[j]!, Number.isNaN(v) ? Number.NaN : Number(v.toFixed(4)), layout);
    out.push({
      feature: specs[j]!.name,
      value: Number.isNaN(v) ? null : v,
      effect: Number(effect.toFixed(3)),
      text: `${words}: ${effect >= 0 ? "+" : "-"}${Math.abs(effect).toFixed(2)}`,
    });
  }
  return out;
}
