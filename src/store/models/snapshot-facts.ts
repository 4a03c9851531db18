import {
  customerStatus,
  type StatusChurnEvent,
  type StatusResult,
  type StatusSubscription,
} from "../../core/customers/status.ts";
import type { AccountFacts } from "../../core/model/features.ts";
import { type CustomerPage, inPage } from "../early-warning-inputs.ts";
import type { Db } from "../open-store.ts";

// Point-in-time account facts of a page of customers for the churn models: plan, ARR, seats,
// payment state and status as of any day, from facts dated up to that day. The stored
// subscription row is the latest state (an event-fed plan change or failed payment rewrites it),
// so the plan and payment state as of a day come from the dated events when there are any.

interface Sub extends StatusSubscription {
  planTier: string;
  seats: number;
  billingFrequency: string | null;
}
interface Dated {
  day: string;
  type: string;
  from: string | null;
  /** The plan after the event (plan_changed's `to`, a subscription event's `plan`). */
  to: string | null;
  /** A subscription event's MRR. */
  mrr: number | null;
}

export interface CustomerFacts {
  customerId: string;
  signupDate: string | null;
  traits: Readonly<Record<string, unknown>> | null;
  /** The account facts as of `day`. */
  factsAt(day: string): AccountFacts;
  /** The one status (core/customers/status.ts) as of `day`. */
  statusAt(day: string): StatusResult;
  /** Days the customer moved to a higher plan (ascending). */
  upgrades: readonly string[];
}

/** The dated events that rewrite a subscription's plan, price or payment state in place. */
export const BILLING_EVENT_TYPES = [
  "plan_changed",
  "invoice_payment_failed",
  "invoice_paid",
  "subscription_created",
  "subscription_updated",
];

/** The page's facts (four queries), by customer id. */
export async function loadSnapshotFacts(
  db: Db,
  orgId: number,
  page: CustomerPage,
): Promise<Map<string, CustomerFacts>> {
  const k = db.kysely;
  const customers = await k
    .selectFrom("customers")
    .select(["id", "account_id", "signup_date", "traits", "arr", "is_trial", "plan_tier", "seats"])
    .where("org_id", "=", orgId)
    .where(inPage(db, "id", page))
    .orderBy("id")
    .execute();
  const subs = await k
    .selectFrom("subscriptions")
    .select([
      "customer_id",
      "start_date",
      "end_date",
      "status",
      "trial_end",
      "paused_on",
      "is_trial",
      "arr",
      "plan_tier",
      "seats",
      "billing_frequency",
    ])
    .where("org_id", "=", orgId)
    .where(inPage(db, "customer_id", page))
    .orderBy("customer_id")
    .orderBy("start_date")
    .execute();
  const events = await k
    .selectFrom("events")
    .select(["customer_id", "type", "ts", "properties"])
    .where("org_id", "=", orgId)
    .where(inPage(db, "customer_id", page))
    .where("type", "in", BILLING_EVENT_TYPES)
    .orderBy("ts")
    .execute();
  const upgrades = await k
    .selectFrom("metrics_daily")
    .select(["customer_id", "day"])
    .where("org_id", "=", orgId)
    .where(inPage(db, "customer_id", page))
    .where("metric", "=", "upgrades")
    .orderBy("day")
    .execute();
  const plans = await k
    .selectFrom("plans")
    .select(["tier", "price_monthly"])
    .where("org_id", "=", orgId)
    .execute();
  const listPrice = new Map(
    plans.flatMap((p) => (p.price_monthly === null ? [] : [[p.tier, Number(p.price_monthly)]])),
  );
  const accounts = [...new Set(customers.map((c) => c.account_id))];
  const churnRows =
    accounts.length === 0
      ? []
      : await k
          .selectFrom("churn_events")
          .select(["account_id", "churn_date", "reason_code", "is_reactivation"])
          .where("org_id", "=", orgId)
          .where(db.driver.inTextList("account_id", accounts))
          .execute();
  const churnByAccount = new Map<string, StatusChurnEvent[]>();
  for (const e of churnRows) {
    const list = churnByAccount.get(e.account_id) ?? [];
    list.push({ day: e.churn_date, reason: e.reason_code, isReactivation: Number(e.is_reactivation) === 1 });
    churnByAccount.set(e.account_id, list);
  }
  const subsOf = new Map<string, Sub[]>();
  for (const s of subs) {
    const list = subsOf.get(s.customer_id) ?? [];
    list.push({
      start: s.start_date,
      end: s.end_date,
      status: s.status,
      trialEnd: s.trial_end,
      pausedOn: s.paused_on,
      isTrial: Number(s.is_trial) === 1,
      arr: Number(s.arr),
      planTier: s.plan_tier,
      seats: Number(s.seats),
      billingFrequency: s.billing_frequency,
    });
    subsOf.set(s.customer_id, list);
  }
  const eventsOf = new Map<string, Dated[]>();
  for (const e of events) {
    const list = eventsOf.get(e.customer_id) ?? [];
    let from: string | null = null;
    let to: string | null = null;
    let mrr: number | null = null;
    if (e.type === "plan_changed" || e.type.startsWith("subscription_")) {
      const p = JSON.parse(e.properties) as { from?: unknown; to?: unknown; plan?: unknown; mrr?: unknown };
      from = typeof p.from === "string" ? p.from : null;
      to = typeof p.to === "string" ? p.to : typeof p.plan === "string" ? p.plan : null;
      mrr = typeof p.mrr === "number" ? p.mrr : null;
    }
    list.push({ day: e.ts.slice(0, 10), type: e.type, from, to, mrr });
    eventsOf.set(e.customer_id, list);
  }
  const upgradesOf = new Map<string, string[]>();
  for (const u of upgrades) {
    const list = upgradesOf.get(u.customer_id) ?? [];
    list.push(u.day);
    upgradesOf.set(u.customer_id, list);
  }

  const out = new Map<string, CustomerFacts>();
  for (const c of customers) {
    const mySubs = subsOf.get(c.id) ?? [];
    const myEvents = eventsOf.get(c.id) ?? [];
    const churns = churnByAccount.get(c.account_id) ?? [];
    const fallback = { arr: Number(c.arr), isTrial: Number(c.is_trial) === 1 };
    const statusAt = (day: string) => customerStatus(mySubs, churns, fallback, day);
    let traits: Record<string, unknown> | null = null;
    if (c.traits) {
      const parsed = JSON.parse(c.traits) as unknown;
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
        traits = parsed as Record<string, unknown>;
    }
    out.set(c.id, {
      customerId: c.id,
      signupDate: c.signup_date,
      traits,
      statusAt,
      upgrades: upgradesOf.get(c.id) ?? [],
      factsAt(day) {
        let arr: number | null = null;
        let seats: number | null = null;
        let latest: Sub | null = null;
        for (const s of mySubs) {
          if (s.start > day) continue;
          latest = s;
          if (s.end === null || s.end > day) {
            arr = (arr ?? 0) + s.arr;
            seats = (seats ?? 0) + s.seats;
          }
        }
        // The plan: the latest dated change up to the day, else the plan a later change left,
        // else the subscription's; without subscriptions, the customer's.
        let plan: string | null = latest?.planTier ?? (mySubs.length === 0 ? c.plan_tier : null);
        // The price likewise: the latest dated MRR up to the day, else the list price of the
        // plan of the day (a later price change rewrites the stored ARR), else the stored ARR
        // of the subscriptions open that day.
        let pastDue = false;
        let laterFrom: string | null = null;
        let changedBy = false;
        let mrrBy: number | null = null;
        for (const e of myEvents) {
          if (e.day > day) {
            if (e.type === "plan_changed" && laterFrom === null && !changedBy) laterFrom = e.from;
            continue;
          }
          if (e.type === "plan_changed" || (e.to !== null && e.type.startsWith("subscription_"))) {
            changedBy = true;
            plan = e.to ?? plan;
          } else if (e.type === "invoice_payment_failed") pastDue = true;
          else if (e.type === "invoice_paid") pastDue = false;
          if (e.mrr !== null) mrrBy = e.mrr;
        }
        if (!changedBy && laterFrom !== null) plan = laterFrom;
        if (mySubs.length === 0) {
          arr = Number(c.arr);
          seats = c.seats === null ? null : Number(c.seats);
        }
        const price = plan === null ? undefined : listPrice.get(plan);
        if (arr !== null && mrrBy !== null) arr = mrrBy * 12;
        else if (arr !== null && price !== undefined) arr = price * 12;
        const status = statusAt(day).status;
        return {
          planTier: plan,
          arr,
          seats,
          pastDue,
          paused: status === "paused",
          trialing: status === "trialing",
          billingFrequency: latest?.billingFrequency ?? null,
        };
      },
    });
  }
  return out;
}
