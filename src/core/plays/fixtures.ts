import type { ScoreChange } from "../scores/changes.ts";
import { PLAYS_DEFAULTS, type PlaysConfig } from "./config.ts";
import type { FlowEffect, FlowState } from "./flow.ts";
import { accept, decline, type Offer } from "./offers-ledger.ts";
import { type DecisionRecord, tickCustomer } from "./tick.ts";
import type { PlayContext, Tactic } from "./types.ts";

/** Test and demo fixtures: a healthy monthly customer, and the defaults with every surface built. */

export function customer(over: Partial<PlayContext> = {}): PlayContext {
  return {
    orgId: "org1",
    customerId: "c1",
    timeZone: "UTC",
    lifecycleStage: "active",
    subscriptionStatus: "active",
    scores: {},
    signupOn: "2026-01-01",
    billingInterval: "month",
    isTrial: false,
    trialEnd: null,
    freeTier: false,
    arr: 1_200,
    higherTierAvailable: true,
    hasDiscount: false,
    openPaymentFailure: false,
    pendingCancellation: false,
    lastDowngradeOn: null,
    usageHistoryDays: 120,
    renewalOn: null,
    billingContactDeclared: false,
    consents: { in_app: "unknown", email: "unknown", sms: "unknown" },
    events: [],
    runs: [],
    contacts: [],
    openOffers: [],
    ...over,
  };
}

/** Every tactic enabled and every billing surface available. */
export const ALL_ON: PlaysConfig = { ...PLAYS_DEFAULTS, surfaces: ["cancel_flow", "payment_page", "wall"] };

/** A customer ticked over time: carries flows, offers, runs and contacts from tick to tick. */
export class Sim {
  ctx: PlayContext;
  flows: FlowState[] = [];
  offers: Offer[] = [];
  effects: FlowEffect[] = [];
  decisions: DecisionRecord[] = [];
  readonly config: PlaysConfig;
  readonly catalog: readonly Tactic[] | undefined;
  private since: Date;

  constructor(
    ctx: PlayContext,
    config: PlaysConfig = ALL_ON,
    catalog?: readonly Tactic[],
    start = new Date("2000-01-01T00:00:00Z"),
  ) {
    this.ctx = ctx;
    this.config = config;
    this.catalog = catalog;
    this.since = start;
  }

  tick(
    now: Date,
    opts: { changes?: ScoreChange[]; events?: PlayContext["events"]; patch?: Partial<PlayContext> } = {},
  ) {
    const ctx = { ...this.ctx, ...opts.patch, events: [...this.ctx.events, ...(opts.events ?? [])] };
    const r = tickCustomer({
      ctx,
      config: this.config,
      flows: this.flows.filter((f) => f.status === "active"),
      offers: this.offers,
      changes: opts.changes ?? [],
      since: this.since,
      now,
      catalog: this.catalog,
    });
    this.since = now;
    this.ctx = r.ctx;
    const byId = new Map(this.flows.map((f) => [f.runId, f]));
    for (const f of r.flows) byId.set(f.runId, f);
    this.flows = [...byId.values()];
    this.offers = r.offers;
    this.effects.push(...r.effects);
    this.decisions.push(...r.decisions);
    return r;
  }

  /** Applies a ledger transition to the customer's offers (as the API would on an answer). */
  answer(offerId: string, how: "accept" | "decline", now: Date) {
    this.offers = this.offers.map((o) => {
      if (o.id !== offerId) return o;
      const r = how === "accept" ? accept(o, now) : decline(o, now);
      return r.ok ? r.value : o;
    });
  }

  sends(tactic?: string) {
    return this.effects.filter(
      (e): e is Extract<FlowEffect, { type: "send" }> =>
        e.type === "send" && (!tactic || e.tactic === tactic),
    );
  }
}
