import type { PlaysConfig } from "./config.ts";
import { addDaysTo } from "./time.ts";
import { DISCOUNT_KINDS, type OfferKind, type Surface } from "./types.ts";

/**
 * The offers ledger's rules, across every surface (growth offers, cancel flow, dunning,
 * win-back): one open discount per customer, forever-percent by default (the discount
 * guardian), operator bounds on depth and duration, pause caps, one rescue-plan move per
 * `rescuePlanEveryDays`, one trial extension per trial. Refusals are values, never throws.
 */

export const OFFER_STATUSES = ["proposed", "accepted", "declined", "expired", "ended"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export interface Offer {
  id: string;
  customerId: string;
  kind: OfferKind;
  tactic: string;
  surface: Surface | "cancel_flow" | "payment_page" | "wall";
  status: OfferStatus;
  percent: number | null;
  /** Billing cycles a percent_cycles discount lasts; null for forever. */
  cycles: number | null;
  months: number | null;
  days: number | null;
  /** The trial an extension belongs to. */
  trialId: string | null;
  proposedAt: string;
  expiresAt: string;
  decidedAt: string | null;
  /** When an accepted offer stops applying (null: forever, e.g. a forever-percent discount). */
  endsAt: string | null;
}

export interface OfferDraft {
  id: string;
  customerId: string;
  tactic: string;
  surface: Offer["surface"];
  /** Omitted: a forever-percent discount (the discount guardian's structure). */
  kind?: OfferKind;
  percent?: number;
  cycles?: number;
  months?: number;
  days?: number;
  trialId?: string;
}

export const LEDGER_RULES = {
  one_discount: "One open discount per customer at a time, whatever surface asks",
  depth_bounds: "The percent is outside the operator's bounds",
  duration_bounds: "The duration is outside the operator's bounds",
  pause_cap: "Pauses are capped per year and in length",
  rescue_plan_yearly: "One rescue-plan move per customer per year",
  trial_extension_once: "One trial extension per trial",
  missing_terms: "The offer lacks a term its kind needs",
  not_open: "Only a proposed offer can be accepted, declined or expired",
  expired: "The offer expired before it was accepted",
} as const;
export type LedgerRule = keyof typeof LEDGER_RULES;

export type LedgerResult<T> = { ok: true; value: T } | { ok: false; rule: LedgerRule; message: string };
const refuse = (rule: LedgerRule, message: string): { ok: false; rule: LedgerRule; message: string } => ({
  ok: false,
  rule,
  message,
});

export const isDiscount = (k: OfferKind): boolean => DISCOUNT_KINDS.includes(k);

/** Open: proposed and not yet expired, or accepted and still applying. */
export function isOpenOffer(o: Offer, now: Date): boolean {
  if (o.status === "proposed") return Date.parse(o.expiresAt) > now.getTime();
  if (o.status === "accepted") return o.endsAt === null || Date.parse(o.endsAt) > now.getTime();
  return false;
}

const within = (v: number, min: number, max: number) => v >= min && v <= max;

/** Proposes an offer against the customer's ledger; the value is the new proposed offer. */
export function propose(
  ledger: readonly Offer[],
  d: OfferDraft,
  bounds: PlaysConfig["offers"],
  now: Date,
): LedgerResult<Offer> {
  const kind = d.kind ?? "percent_forever";
  const mine = ledger.filter((o) => o.customerId === d.customerId);
  const base: Offer = {
    id: d.id,
    customerId: d.customerId,
    kind,
    tactic: d.tactic,
    surface: d.surface,
    status: "proposed",
    percent: null,
    cycles: null,
    months: null,
    days: null,
    trialId: null,
    proposedAt: now.toISOString(),
    expiresAt: addDaysTo(now, bounds.expireDays).toISOString(),
    decidedAt: null,
    endsAt: null,
  };
  if (isDiscount(kind) || kind === "rescue_plan") {
    if (d.percent === undefined) return refuse("missing_terms", `${kind} needs a percent`);
    if (!within(d.percent, bounds.percent.min, bounds.percent.max))
      return refuse("depth_bounds", `${d.percent}% is outside ${bounds.percent.min}-${bounds.percent.max}%`);
    base.percent = d.percent;
  }
  if (isDiscount(kind)) {
    const open = mine.find((o) => isDiscount(o.kind) && isOpenOffer(o, now));
    if (open)
      return refuse(
        "one_discount",
        `Discount ${open.id} from ${open.tactic} (${open.surface}) is still ${open.status}`,
      );
    if (kind === "percent_cycles") {
      if (d.cycles === undefined) return refuse("missing_terms", "percent_cycles needs a number of cycles");
      if (!within(d.cycles, 1, bounds.maxCycles))
        return refuse("duration_bounds", `${d.cycles} cycles is outside 1-${bounds.maxCycles}`);
      base.cycles = d.cycles;
    }
  }
  if (kind === "pause") {
    const months = d.months ?? 1;
    if (!within(months, 1, bounds.pause.maxMonths))
      return refuse("pause_cap", `A ${months}-month pause exceeds the ${bounds.pause.maxMonths}-month cap`);
    const yearAgo = addDaysTo(now, -365).getTime();
    const pauses = mine.filter(
      (o) => o.kind === "pause" && o.status === "accepted" && Date.parse(o.decidedAt!) > yearAgo,
    );
    if (pauses.length >= bounds.pause.maxPerYear)
      return refuse("pause_cap", `${pauses.length} pauses in the last year (cap ${bounds.pause.maxPerYear})`);
    if (mine.some((o) => o.kind === "pause" && isOpenOffer(o, now)))
      return refuse("pause_cap", "A pause is already proposed or running");
    base.months = months;
  }
  if (kind === "rescue_plan") {
    const from = addDaysTo(now, -bounds.rescuePlanEveryDays).getTime();
    const last = mine.find(
      (o) =>
        o.kind === "rescue_plan" &&
        (o.status === "proposed" || o.status === "accepted") &&
        Date.parse(o.proposedAt) > from,
    );
    if (last)
      return refuse(
        "rescue_plan_yearly",
        `Rescue plan ${last.id} was ${last.status} on ${last.proposedAt.slice(0, 10)}`,
      );
  }
  if (kind === "trial_extension") {
    if (!d.trialId) return refuse("missing_terms", "trial_extension needs the trial it extends");
    const days = d.days ?? 7;
    if (!within(days, 1, bounds.trialExtensionMaxDays))
      return refuse("duration_bounds", `${days} days is outside 1-${bounds.trialExtensionMaxDays}`);
    const prior = mine.find(
      (o) =>
        o.kind === "trial_extension" &&
        o.trialId === d.trialId &&
        (o.status === "proposed" || o.status === "accepted"),
    );
    if (prior) return refuse("trial_extension_once", `Trial ${d.trialId} already has extension ${prior.id}`);
    base.days = days;
    base.trialId = d.trialId;
  }
  return { ok: true, value: base };
}

function decideOffer(o: Offer, now: Date, to: "accepted" | "declined" | "expired"): LedgerResult<Offer> {
  if (o.status !== "proposed") return refuse("not_open", `Offer ${o.id} is ${o.status}`);
  const late = now.getTime() >= Date.parse(o.expiresAt);
  if (to === "accepted" && late) return refuse("expired", `Offer ${o.id} expired at ${o.expiresAt}`);
  if (to === "expired" && !late) return refuse("not_open", `Offer ${o.id} expires at ${o.expiresAt}`);
  const next: Offer = { ...o, status: to, decidedAt: now.toISOString() };
  if (to === "accepted") {
    if (o.kind === "percent_cycles" && o.cycles !== null)
      next.endsAt = addDaysTo(now, 30 * o.cycles).toISOString();
    if (o.kind === "pause" && o.months !== null) next.endsAt = addDaysTo(now, 30 * o.months).toISOString();
    if (o.kind === "trial_extension" && o.days !== null) next.endsAt = addDaysTo(now, o.days).toISOString();
    if (o.kind === "rescue_plan") next.endsAt = now.toISOString();
  }
  return { ok: true, value: next };
}

export const accept = (o: Offer, now: Date) => decideOffer(o, now, "accepted");
export const decline = (o: Offer, now: Date) => decideOffer(o, now, "declined");
export const expire = (o: Offer, now: Date) => decideOffer(o, now, "expired");

/** Ends an accepted offer (discount removed, pause resumed early). */
export function end(o: Offer, now: Date): LedgerResult<Offer> {
  if (o.status !== "accepted") return refuse("not_open", `Offer ${o.id} is ${o.status}`);
  return { ok: true, value: { ...o, status: "ended", endsAt: now.toISOString() } };
}
