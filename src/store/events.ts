import type { Updateable } from "kysely";
import type { EventEffects, SubscriptionChange } from "../core/events/effects.ts";
import type { CanonicalEvent } from "../core/events/schema.ts";
import {
  applyBillingChanges,
  type BillingAccount,
  type CustomerBilling,
  createdSubscriptionId,
  SUBSCRIPTION_STATUSES,
  type SubscriptionState,
  type SubscriptionStatus,
} from "../core/subscriptions/state.ts";
import type { MergeTable, Row, RowTable } from "./dialect/dialect.ts";
import { appendMrrMoves, type MrrMove } from "./mrr-changes.ts";
import type { Db } from "./open-store.ts";
import type { Database } from "./schema.ts";
import { withTransaction } from "./transaction.ts";

/**
 * Stores a batch of validated events and applies what the new ones change, in one transaction:
 * raw events (a repeated id is ignored), daily rollups, feature usage, tickets, NPS answers,
 * subscription and lifecycle changes, and recompute requests. Customers named by an event that
 * the store does not know yet are created (with no plan and zero ARR) so no event is dropped.
 * `effectsOf` is called inside the transaction with only the events that were new.
 * Returns the new events.
 */
export async function ingestEvents(
  db: Db,
  orgId: number,
  events: readonly CanonicalEvent[],
  receivedAt: Date,
  effectsOf: (fresh: readonly CanonicalEvent[]) => EventEffects,
): Promise<{ fresh: CanonicalEvent[]; effects: EventEffects }> {
  const at = receivedAt.toISOString();
  return withTransaction(db, async (tx) => {
    // The measured path: positional rows straight into the dialect's set-based primitives.
    const rows = new Array<Row>(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      rows[i] = [e.id, e.customer_id, e.type, e.timestamp, JSON.stringify(e.properties), at];
    }
    const isNew = await tx.driver.insertNew(EVENTS, orgId, rows);
    const fresh = events.filter((_, i) => isNew[i]);
    const effects = effectsOf(fresh);

    const sum: Row[] = [];
    const max: Row[] = [];
    for (const c of effects.rollups) {
      (c.agg === "sum" ? sum : max).push([c.customerId, c.day, c.metric, c.key, c.value]);
    }
    await tx.driver.merge(METRICS_SUM, orgId, sum);
    await tx.driver.merge(METRICS_MAX, orgId, max);
    await tx.driver.merge(
      USAGE,
      orgId,
      effects.usage.map((u) => [
        u.day,
        u.customerId,
        u.feature,
        Math.round(u.uses),
        u.secs,
        Math.round(u.errors),
      ]),
    );

    await addMissingCustomers(tx, orgId, fresh);
    await applyEffects(tx, orgId, effects, at);
    return { fresh, effects };
  });
}

const text = (name: string) => ({ name, type: "text" }) as const;
const integer = (name: string) => ({ name, type: "integer" }) as const;
const real = (name: string) => ({ name, type: "real" }) as const;

const EVENTS: RowTable = {
  name: "events",
  key: ["id"],
  columns: [
    text("id"),
    text("customer_id"),
    text("type"),
    text("ts"),
    text("properties"),
    text("received_at"),
  ],
};
const METRIC_COLUMNS = [text("customer_id"), text("day"), text("metric"), text("key"), real("value")];
const METRIC_KEY = ["customer_id", "day", "metric", "key"];
/** Rollup cells: counters add to what is stored, gauges keep the day's maximum. */
const METRICS_SUM: MergeTable = {
  name: "metrics_daily",
  key: METRIC_KEY,
  columns: METRIC_COLUMNS,
  merge: { value: "sum" },
};
const METRICS_MAX: MergeTable = {
  name: "metrics_daily",
  key: METRIC_KEY,
  columns: METRIC_COLUMNS,
  merge: { value: "max" },
};
const USAGE: MergeTable = {
  name: "usage_daily",
  key: ["day", "customer_id", "feature"],
  columns: [
    text("day"),
    text("customer_id"),
    text("feature"),
    integer("uses"),
    real("duration_secs"),
    integer("errors"),
  ],
  merge: { uses: "sum", duration_secs: "sum", errors: "sum" },
};
const CUSTOMER_STUBS: RowTable = {
  name: "customers",
  key: ["id"],
  columns: [
    text("id"),
    integer("ordinal"),
    text("account_id"),
    integer("is_trial"),
    real("arr"),
    real("mrr"),
  ],
};
const TICKETS: RowTable = {
  name: "tickets",
  key: ["id"],
  columns: [
    text("id"),
    text("account_id"),
    text("customer_id"),
    text("submitted_at"),
    text("priority"),
    real("satisfaction"),
    integer("escalated"),
    text("subject"),
    text("body"),
    text("linked_by"),
  ],
};
const NPS: MergeTable = {
  name: "nps_responses",
  key: ["customer_id", "respondent", "day"],
  columns: [text("customer_id"), text("respondent"), text("day"), integer("score"), text("comment")],
  merge: { score: "replace", comment: "replace" },
};
const CHURN_EVENTS: RowTable = {
  name: "churn_events",
  key: ["id"],
  columns: [
    text("id"),
    text("account_id"),
    text("churn_date"),
    text("reason_code"),
    real("refund_usd"),
    integer("preceding_upgrade"),
    integer("preceding_downgrade"),
    integer("is_reactivation"),
    text("feedback"),
  ],
};
const RECOMPUTE: MergeTable = {
  name: "recompute_requests",
  key: ["customer_id"],
  columns: [text("customer_id"), text("reason"), text("requested_at")],
  merge: { reason: "replace", requested_at: "replace" },
};

/** Creates the customers the new events name that the store does not know yet. */
async function addMissingCustomers(tx: Db, orgId: number, fresh: readonly CanonicalEvent[]): Promise<void> {
  const named = [...new Set(fresh.map((e) => e.customer_id))];
  if (named.length === 0) return;
  const known = await tx.kysely
    .selectFrom("customers")
    .select("id")
    .where("org_id", "=", orgId)
    .where(tx.driver.inTextList("id", named))
    .execute();
  const knownIds = new Set(known.map((r) => r.id));
  const missing = named.filter((id) => !knownIds.has(id));
  if (missing.length === 0) return;
  const last = await tx.kysely
    .selectFrom("customers")
    .select((eb) => eb.fn.max("ordinal").as("n"))
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  const first = Number(last?.n ?? 0) + 1;
  await tx.driver.insertNew(
    CUSTOMER_STUBS,
    orgId,
    missing.map((id, i) => [id, first + i, id, 0, 0, 0]),
  );
}

const CLOSING_STATUSES = new Set(["closed", "solved", "resolved"]);

/** Tickets, NPS answers, subscription changes, churn events and recompute requests. */
async function applyEffects(tx: Db, orgId: number, fx: EventEffects, at: string): Promise<void> {
  const involved = new Set([...fx.tickets.map((t) => t.customerId), ...fx.changes.map((c) => c.customerId)]);
  const accounts = await loadBilling(tx, orgId, [...involved].sort(), fx.changes);

  const tickets: Row[] = [];
  for (const t of fx.tickets) {
    const account = accounts.get(t.customerId);
    if (!account) continue;
    tickets.push([
      t.id,
      account.customer.accountId,
      t.customerId,
      t.submittedAt,
      t.priority,
      t.satisfaction,
      t.escalated ? 1 : 0,
      t.subject,
      t.body,
      "customer_id",
    ]);
  }
  await tx.driver.insertNew(TICKETS, orgId, tickets);

  // Row locks in key order (as the set-based writes take theirs), so concurrent batches never deadlock.
  for (const u of [...fx.ticketUpdates].sort(byId)) {
    const set: Updateable<Database["tickets"]> = {
      ...(u.satisfaction !== null ? { satisfaction: u.satisfaction } : {}),
      ...(u.escalated !== null ? { escalated: u.escalated ? 1 : 0 } : {}),
      ...(u.status !== null && CLOSING_STATUSES.has(u.status) ? { closed_at: u.at } : {}),
    };
    if (Object.keys(set).length === 0) continue;
    await tx.kysely
      .updateTable("tickets")
      .set(set)
      .where("org_id", "=", orgId)
      .where("id", "=", u.id)
      .execute();
  }

  // One answer per respondent and day: the latest of the batch wins, as it would one by one.
  const nps = new Map<string, Row>();
  for (const n of fx.nps) {
    nps.set(`${n.customerId}\u0000${n.respondent}\u0000${n.day}`, [
      n.customerId,
      n.respondent,
      n.day,
      n.score,
      n.comment,
    ]);
  }
  await tx.driver.merge(NPS, orgId, [...nps.values()]);

  await applySubscriptionChanges(tx, orgId, fx.changes, accounts);

  await tx.driver.merge(
    RECOMPUTE,
    orgId,
    [...fx.lifecycleCustomers].map((c) => [c, "lifecycle", at]),
  );
}

/** A customer's billing as read for a batch, with the ids its `created` changes find taken. */
interface StoredAccount extends BillingAccount {
  open: { id: string; state: SubscriptionState }[];
  taken: Set<string>;
}

/**
 * The billing state of the customers the batch involves: each customer and its open
 * subscriptions, locked until commit where the store has row locks (so concurrent batches for one
 * customer apply in turn), and the subscription ids `created` changes would take that exist.
 */
async function loadBilling(
  tx: Db,
  orgId: number,
  customerIds: readonly string[],
  changes: readonly SubscriptionChange[],
): Promise<Map<string, StoredAccount>> {
  const out = new Map<string, StoredAccount>();
  if (customerIds.length === 0) return out;
  let customers = tx.kysely
    .selectFrom("customers")
    .select(["id", "account_id", "plan_tier", "mrr", "arr", "is_trial", "seats"])
    .where("org_id", "=", orgId)
    .where(tx.driver.inTextList("id", customerIds))
    .orderBy("id");
  if (tx.driver.rowLocks) customers = customers.forUpdate();
  for (const c of await customers.execute()) {
    const customer: CustomerBilling = {
      accountId: c.account_id,
      planTier: c.plan_tier,
      mrr: c.mrr,
      arr: c.arr,
      isTrial: c.is_trial === 1,
      seats: c.seats,
    };
    out.set(c.id, { customerId: c.id, customer, open: [], taken: new Set() });
  }
  if (changes.length === 0) return out;

  const changing = [...new Set(changes.map((c) => c.customerId))].sort();
  let subs = tx.kysely
    .selectFrom("subscriptions")
    .select([
      "id",
      "customer_id",
      "status",
      "plan_tier",
      "mrr",
      "arr",
      "is_trial",
      "trial_end",
      "end_date",
      "paused_on",
      "churn_flag",
      "upgrade_flag",
      "downgrade_flag",
    ])
    .where("org_id", "=", orgId)
    .where(tx.driver.inTextList("customer_id", changing))
    .where((eb) => eb.or([eb("status", "is", null), eb("status", "<>", "canceled")]))
    .orderBy("id");
  if (tx.driver.rowLocks) subs = subs.forUpdate();
  for (const s of await subs.execute()) {
    const account = out.get(s.customer_id);
    if (!account) continue;
    const state: SubscriptionState = {
      status: asStatus(s.status),
      planTier: s.plan_tier,
      mrr: s.mrr,
      arr: s.arr,
      isTrial: s.is_trial === 1,
      trialEnd: s.trial_end,
      endDate: s.end_date,
      pausedOn: s.paused_on,
      churnFlag: s.churn_flag === 1,
      upgradeFlag: s.upgrade_flag === 1,
      downgradeFlag: s.downgrade_flag === 1,
    };
    account.open.push({ id: s.id, state });
  }

  const candidates = new Map<string, string>();
  for (const ch of changes) {
    if (ch.kind === "created") candidates.set(createdSubscriptionId(ch.customerId, ch.day), ch.customerId);
  }
  if (candidates.size > 0) {
    const taken = await tx.kysely
      .selectFrom("subscriptions")
      .select("id")
      .where("org_id", "=", orgId)
      .where(tx.driver.inTextList("id", [...candidates.keys()]))
      .execute();
    for (const { id } of taken) out.get(candidates.get(id)!)?.taken.add(id);
  }
  return out;
}

/** An unknown stored status behaves as none (open, in no particular state); it is kept unless changed. */
const asStatus = (s: string | null): SubscriptionStatus | null =>
  (SUBSCRIPTION_STATUSES as readonly string[]).includes(s ?? "") ? (s as SubscriptionStatus) : null;

/** Runs the core lifecycle over each customer's changes and writes what changed. */
async function applySubscriptionChanges(
  tx: Db,
  orgId: number,
  changes: readonly SubscriptionChange[],
  accounts: ReadonlyMap<string, StoredAccount>,
): Promise<void> {
  if (changes.length === 0) return;
  const byCustomer = new Map<string, SubscriptionChange[]>();
  for (const ch of changes) byCustomer.set(ch.customerId, [...(byCustomer.get(ch.customerId) ?? []), ch]);

  const churn: Row[] = [];
  const created: Database["subscriptions"][] = [];
  const moves: MrrMove[] = [];
  for (const [customerId, list] of byCustomer) {
    const account = accounts.get(customerId);
    if (!account) continue;
    const outcome = applyBillingChanges(account, list, account.taken);
    for (const m of outcome.mrr) moves.push({ customerId, ...m });
    const c = outcome.customer.changed;
    const customerSet: Updateable<Database["customers"]> = {
      ...(c.planTier !== undefined ? { plan_tier: c.planTier } : {}),
      ...(c.mrr !== undefined ? { mrr: c.mrr } : {}),
      ...(c.arr !== undefined ? { arr: c.arr } : {}),
      ...(c.isTrial !== undefined ? { is_trial: c.isTrial ? 1 : 0 } : {}),
    };
    if (Object.keys(customerSet).length > 0) {
      await tx.kysely
        .updateTable("customers")
        .set(customerSet)
        .where("org_id", "=", orgId)
        .where("id", "=", customerId)
        .execute();
    }
    for (const u of outcome.updated) {
      await tx.kysely
        .updateTable("subscriptions")
        .set(subscriptionColumns(u.changed))
        .where("org_id", "=", orgId)
        .where("id", "=", u.id)
        .execute();
    }
    for (const s of outcome.created) {
      created.push({
        org_id: orgId,
        id: s.id,
        customer_id: s.customerId,
        account_id: s.accountId,
        start_date: s.startDate,
        seats: s.seats,
        billing_frequency: s.billingFrequency,
        auto_renew: s.autoRenew ? 1 : 0,
        status: s.state.status,
        plan_tier: s.state.planTier,
        mrr: s.state.mrr,
        arr: s.state.arr,
        is_trial: s.state.isTrial ? 1 : 0,
        trial_end: s.state.trialEnd,
        end_date: s.state.endDate,
        paused_on: s.state.pausedOn,
        churn_flag: s.state.churnFlag ? 1 : 0,
        upgrade_flag: s.state.upgradeFlag ? 1 : 0,
        downgrade_flag: s.state.downgradeFlag ? 1 : 0,
      });
    }
    for (const ch of list) {
      if (ch.kind !== "canceled") continue;
      churn.push([ch.eventId, account.customer.accountId, ch.day, ch.reason, null, 0, 0, 0, ch.feedback]);
    }
  }
  created.sort(byId);
  for (let i = 0; i < created.length; i += 500) {
    await tx.kysely
      .insertInto("subscriptions")
      .values(created.slice(i, i + 500))
      .onConflict((oc) => oc.columns(["org_id", "id"]).doNothing())
      .execute();
  }
  await tx.driver.insertNew(CHURN_EVENTS, orgId, churn);
  await appendMrrMoves(tx, orgId, moves);
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Subscription fields as columns (only those given). */
function subscriptionColumns(s: Partial<SubscriptionState>): Updateable<Database["subscriptions"]> {
  const flag = (b: boolean) => (b ? 1 : 0);
  return {
    ...(s.status !== undefined ? { status: s.status } : {}),
    ...(s.planTier !== undefined ? { plan_tier: s.planTier } : {}),
    ...(s.mrr !== undefined ? { mrr: s.mrr } : {}),
    ...(s.arr !== undefined ? { arr: s.arr } : {}),
    ...(s.isTrial !== undefined ? { is_trial: flag(s.isTrial) } : {}),
    ...(s.trialEnd !== undefined ? { trial_end: s.trialEnd } : {}),
    ...(s.endDate !== undefined ? { end_date: s.endDate } : {}),
    ...(s.pausedOn !== undefined ? { paused_on: s.pausedOn } : {}),
    ...(s.churnFlag !== undefined ? { churn_flag: flag(s.churnFlag) } : {}),
    ...(s.upgradeFlag !== undefined ? { upgrade_flag: flag(s.upgradeFlag) } : {}),
    ...(s.downgradeFlag !== undefined ? { downgrade_flag: flag(s.downgradeFlag) } : {}),
  };
}

/** Plan ranks of the org's catalog (tier -> rank). */
export async function planRanks(db: Db, orgId: number): Promise<Map<string, number>> {
  const rows = await db.kysely
    .selectFrom("plans")
    .select(["tier", "rank"])
    .where("org_id", "=", orgId)
    .execute();
  return new Map(rows.map((r) => [r.tier, r.rank]));
}
