import type { Offer } from "../plays/offers-ledger.ts";
import { COLLISION_PRIORITY, type CollisionClass } from "../plays/types.ts";
import { copyOf, type ExperienceKind, MODAL_KINDS, type Moment } from "./catalog.ts";

/**
 * What to show one end user at one moment: the pending in-app effects of their open runs whose
 * action fits the moment, rendered with the offer terms from the ledger, highest collision
 * priority first (payment recovery, cancel flow, win-back, offers, guidance), and at most one
 * modal or wall. An offer the ledger no longer holds open (accepted, declined, expired) is not shown.
 */

export interface Candidate {
  /** The outbox row id (the experience id the SDK answers to). */
  id: number;
  /** The effect's idempotency key (the events' offer_id). */
  key: string;
  tactic: string;
  runId: string;
  stepId: string;
  action: string;
  collision: CollisionClass;
  createdAt: string;
  offerId: string | null;
}

export interface ExperienceOffer {
  id: string;
  kind: Offer["kind"];
  percent: number | null;
  cycles: number | null;
  months: number | null;
  days: number | null;
  terms: string;
  expires_at: string;
}

export interface Experience {
  id: string;
  kind: ExperienceKind;
  tactic: string;
  action: string;
  priority: number;
  title: string;
  body: string;
  cta: string;
  dismiss: string;
  items: string[];
  offer: ExperienceOffer | null;
}

/** At most this many experiences per answer (one modal among them). */
export const MAX_EXPERIENCES = 3;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The offer's terms in words, from the ledger row. */
export function offerTerms(o: Pick<Offer, "kind" | "percent" | "cycles" | "months" | "days">): string {
  switch (o.kind) {
    case "percent_forever":
      return `${o.percent ?? 0}% off for as long as you stay subscribed`;
    case "percent_cycles":
      return `${o.percent ?? 0}% off for ${plural(o.cycles ?? 1, "billing cycle", "billing cycles")}`;
    case "pause":
      return `a pause of up to ${plural(o.months ?? 1, "month", "months")}`;
    case "trial_extension":
      return `${plural(o.days ?? 7, "more day", "more days")} of your trial`;
    case "rescue_plan":
      return `a plan ${o.percent ?? 0}% below your current price`;
  }
}

const fill = (s: string, terms: string | null) => s.replace("{terms}", terms ?? "a better deal");

export function renderExperience(c: Candidate, offer: Offer | null): Experience {
  const copy = copyOf(c.action);
  const terms = offer ? offerTerms(offer) : null;
  return {
    id: String(c.id),
    kind: copy.kind,
    tactic: c.tactic,
    action: c.action,
    priority: COLLISION_PRIORITY[c.collision],
    title: fill(copy.title, terms),
    body: fill(copy.body, terms),
    cta: copy.cta,
    dismiss: copy.dismiss,
    items: [...(copy.items ?? [])],
    offer: offer
      ? {
          id: offer.id,
          kind: offer.kind,
          percent: offer.percent,
          cycles: offer.cycles,
          months: offer.months,
          days: offer.days,
          terms: terms!,
          expires_at: offer.expiresAt,
        }
      : null,
  };
}

export function fitsMoment(action: string, moment: Moment): boolean {
  return copyOf(action).moments.includes(moment);
}

export function selectExperiences(
  moment: Moment,
  candidates: readonly Candidate[],
  offers: readonly Offer[],
  now: Date,
): Experience[] {
  const byId = new Map(offers.map((o) => [o.id, o]));
  const shown: { c: Candidate; offer: Offer | null }[] = [];
  for (const c of candidates) {
    if (!fitsMoment(c.action, moment)) continue;
    let offer: Offer | null = null;
    if (c.offerId) {
      const o = byId.get(c.offerId);
      // The ledger decides: only a proposal still open is offered.
      if (o?.status !== "proposed" || Date.parse(o.expiresAt) <= now.getTime()) continue;
      offer = o;
    }
    shown.push({ c, offer });
  }
  shown.sort(
    (a, b) =>
      COLLISION_PRIORITY[a.c.collision] - COLLISION_PRIORITY[b.c.collision] ||
      (a.c.createdAt < b.c.createdAt ? -1 : a.c.createdAt > b.c.createdAt ? 1 : a.c.id - b.c.id),
  );
  const out: Experience[] = [];
  let modal = false;
  for (const s of shown) {
    const e = renderExperience(s.c, s.offer);
    const isModal = MODAL_KINDS.includes(e.kind);
    if (isModal && modal) continue;
    modal ||= isModal;
    out.push(e);
    if (out.length === MAX_EXPERIENCES) break;
  }
  return out;
}
