import type { SubscriptionChange } from "../events/effects.ts";

/**
 * The subscription lifecycle that billing and lifecycle events drive: trialing, active,
 * past_due, paused, canceled. Pure: the store reads the current state, calls these functions
 * and writes the fields they say changed.
 *
 *   created         a new subscription (trialing if the customer is on trial, else active),
 *                   only when the customer has no open one
 *   updated         plan and MRR (ARR = MRR x 12)
 *   canceled        canceled, end date, churn flag
 *   paused          paused, paused on
 *   resumed         active (from any open state), paused on cleared
 *   trial_started   trialing, on trial, trial end (when the event gives one)
 *   trial_ended     converted: active, off trial, trial end = the day;
 *                   not converted: canceled, end date and trial end = the day
 *   plan_changed    plan; the upgrade or downgrade flag is set (never cleared)
 *   payment_failed  active -> past_due (no other state changes)
 *   payment_ok      past_due -> active (no other state changes)
 *
 * A subscription is open until it is canceled; canceled is final. A subscription whose status
 * an import did not give (null) is open and in no particular state.
 */

export const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "paused", "canceled"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** The fields of one subscription the lifecycle reads and writes. */
export interface SubscriptionState {
  status: SubscriptionStatus | null;
  planTier: string;
  mrr: number;
  arr: number;
  isTrial: boolean;
  trialEnd: string | null;
  endDate: string | null;
  pausedOn: string | null;
  churnFlag: boolean;
  upgradeFlag: boolean;
  downgradeFlag: boolean;
}

/** The customer fields billing events change, and those a new subscription copies. */
export interface CustomerBilling {
  accountId: string;
  planTier: string | null;
  mrr: number;
  arr: number;
  isTrial: boolean;
  seats: number | null;
}

/** The state after a change and the fields whose value differs from before. */
export interface Transition<S> {
  next: S;
  changed: Partial<S>;
}

export const isOpen = (s: SubscriptionState): boolean => s.status !== "canceled";

/** What one change sets on an open subscription (before dropping fields that keep their value). */
function subscriptionTarget(s: SubscriptionState, ch: SubscriptionChange): Partial<SubscriptionState> {
  switch (ch.kind) {
    case "created":
      return {};
    case "updated": {
      const mrr = ch.mrr ?? s.mrr;
      return { planTier: ch.plan ?? s.planTier, mrr, arr: mrr * 12 };
    }
    case "canceled":
      return { status: "canceled", endDate: ch.day, churnFlag: true };
    case "paused":
      return { status: "paused", pausedOn: ch.day };
    case "resumed":
      return { status: "active", pausedOn: null };
    case "trial_started":
      return { status: "trialing", isTrial: true, trialEnd: ch.trialEnd ?? s.trialEnd };
    case "trial_ended":
      return ch.converted
        ? { status: "active", isTrial: false, trialEnd: ch.day }
        : { status: "canceled", endDate: ch.day, trialEnd: ch.day };
    case "plan_changed":
      return {
        planTier: ch.to,
        ...(ch.direction === "up" ? { upgradeFlag: true } : {}),
        ...(ch.direction === "down" ? { downgradeFlag: true } : {}),
      };
    case "payment_failed":
      return s.status === "active" ? { status: "past_due" } : {};
    case "payment_ok":
      return s.status === "past_due" ? { status: "active" } : {};
  }
}

/** What one change sets on the customer. */
function customerTarget(c: CustomerBilling, ch: SubscriptionChange): Partial<CustomerBilling> {
  switch (ch.kind) {
    case "created":
    case "updated": {
      const mrr = ch.mrr ?? c.mrr;
      return { planTier: ch.plan ?? c.planTier, mrr, arr: mrr * 12 };
    }
    case "trial_started":
      return { isTrial: true };
    case "trial_ended":
      return { isTrial: false };
    case "plan_changed":
      return { planTier: ch.to };
    default:
      return {};
  }
}

function settle<S extends object>(state: S, target: Partial<S>): Transition<S> {
  const changed: Partial<S> = {};
  let any = false;
  for (const k of Object.keys(target) as (keyof S)[]) {
    if (!Object.is(target[k], state[k])) {
      changed[k] = target[k];
      any = true;
    }
  }
  return any ? { next: { ...state, ...changed }, changed } : { next: state, changed };
}

/** One open subscription's next state after a change; a canceled one never changes. */
export function subscriptionTransition(
  s: SubscriptionState,
  ch: SubscriptionChange,
): Transition<SubscriptionState> {
  return isOpen(s) ? settle(s, subscriptionTarget(s, ch)) : { next: s, changed: {} };
}

/** The customer's billing fields after a change. */
export function customerTransition(c: CustomerBilling, ch: SubscriptionChange): Transition<CustomerBilling> {
  return settle(c, customerTarget(c, ch));
}

/** The id a `created` change gives its subscription. */
export const createdSubscriptionId = (customerId: string, day: string): string => `${customerId}:${day}`;

/** A subscription a `created` change opens, copied from the customer as it was then. */
export interface NewSubscription {
  id: string;
  customerId: string;
  accountId: string;
  startDate: string;
  seats: number;
  billingFrequency: "monthly";
  autoRenew: boolean;
  state: SubscriptionState;
}

function newSubscription(
  customerId: string,
  c: CustomerBilling,
  ch: SubscriptionChange & { kind: "created" },
): NewSubscription {
  const mrr = ch.mrr ?? c.mrr;
  return {
    id: createdSubscriptionId(customerId, ch.day),
    customerId,
    accountId: c.accountId,
    startDate: ch.day,
    seats: c.seats ?? 1,
    billingFrequency: "monthly",
    autoRenew: true,
    state: {
      status: c.isTrial ? "trialing" : "active",
      planTier: ch.plan ?? c.planTier ?? "unknown",
      mrr,
      arr: mrr * 12,
      isTrial: c.isTrial,
      trialEnd: null,
      endDate: null,
      pausedOn: null,
      churnFlag: false,
      upgradeFlag: false,
      downgradeFlag: false,
    },
  };
}

/** One customer's billing as stored: the customer and its open subscriptions. */
export interface BillingAccount {
  customerId: string;
  customer: CustomerBilling;
  open: readonly { id: string; state: SubscriptionState }[];
}

/** What a run of changes does to an account, as the writes the store makes. */
export interface BillingOutcome {
  customer: Transition<CustomerBilling>;
  /** Stored subscriptions whose fields changed (against the account as given). */
  updated: { id: string; next: SubscriptionState; changed: Partial<SubscriptionState> }[];
  /** Subscriptions opened by `created` changes, in their final state. */
  created: NewSubscription[];
  /** Each change that moved the customer's live MRR (open subscriptions), in order. */
  mrr: MrrStep[];
}

/** One move of a customer's live MRR: the sum of the MRR of its open (not canceled) subscriptions. */
export interface MrrStep {
  day: string;
  from: number;
  to: number;
  /** The event behind it, when the change names one. */
  eventId: string | null;
}

const liveMrr = (subs: readonly { state: SubscriptionState }[]): number =>
  subs.reduce((a, s) => (isOpen(s.state) && s.state.mrr > 0 ? a + s.state.mrr : a), 0);

/**
 * Applies one customer's changes in order. `takenIds` are stored subscription ids (of any
 * customer or status) a `created` change cannot reuse: such a change then opens nothing.
 */
export function applyBillingChanges(
  account: BillingAccount,
  changes: readonly SubscriptionChange[],
  takenIds: ReadonlySet<string>,
): BillingOutcome {
  let customer = account.customer;
  const subs = account.open.map((s) => ({ id: s.id, state: s.state, isNew: false }));
  const created = new Map<string, NewSubscription>();
  const mrr: MrrStep[] = [];
  let live = liveMrr(subs);
  for (const ch of changes) {
    if (ch.kind === "created" && !subs.some((s) => isOpen(s.state))) {
      const sub = newSubscription(account.customerId, customer, ch);
      if (!takenIds.has(sub.id) && !subs.some((s) => s.id === sub.id)) {
        subs.push({ id: sub.id, state: sub.state, isNew: true });
        created.set(sub.id, sub);
      }
    }
    for (const s of subs) s.state = subscriptionTransition(s.state, ch).next;
    customer = customerTransition(customer, ch).next;
    const after = liveMrr(subs);
    if (after !== live) {
      mrr.push({
        day: ch.day,
        from: live,
        to: after,
        eventId: "eventId" in ch ? (ch.eventId ?? null) : null,
      });
      live = after;
    }
  }
  const updated: BillingOutcome["updated"] = [];
  for (const [i, s] of subs.entries()) {
    if (s.isNew) {
      created.get(s.id)!.state = s.state;
      continue;
    }
    const t = settle(account.open[i]!.state, s.state);
    if (Object.keys(t.changed).length > 0) updated.push({ id: s.id, next: t.next, changed: t.changed });
  }
  return {
    customer: settle(account.customer, customer),
    updated,
    created: [...created.values()],
    mrr,
  };
}
