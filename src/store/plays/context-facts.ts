import { SCORE_KINDS } from "../../core/scores/kinds.ts";
import type { Db } from "../open-store.ts";
import { chunks, q } from "./tables.ts";

/**
 * The facts a plays tick loads for a page of customers, as the store holds them (rows, not the
 * domain's PlayContext: the use case assembles that). Every query is scoped by org and by the
 * page's customer ids.
 */

export interface CustomerFacts {
  id: string;
  status: string | null;
  signupDate: string | null;
  isTrial: boolean;
  arr: number;
  planTier: string | null;
  timezone: string | null;
  consents: string | null;
  billingEmail: string | null;
  owner: string | null;
}

/** One page of the org's customers in id order after `after` (all, or only `only`). */
export async function customerPage(
  db: Db,
  orgId: number,
  after: string | null,
  limit: number,
  only?: readonly string[],
): Promise<CustomerFacts[]> {
  let s = q(db)
    .selectFrom("customers")
    .select([
      "id",
      "status",
      "signup_date",
      "is_trial",
      "arr",
      "plan_tier",
      "timezone",
      "consents",
      "billing_email",
      "owner",
    ])
    .where("org_id", "=", orgId);
  if (after !== null) s = s.where("id", ">", after);
  if (only) s = s.where("id", "in", only.length ? [...only] : [""]);
  const rows = await s.orderBy("id").limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    signupDate: r.signup_date,
    isTrial: Number(r.is_trial) === 1,
    arr: Number(r.arr),
    planTier: r.plan_tier,
    timezone: r.timezone,
    consents: r.consents,
    billingEmail: r.billing_email,
    owner: r.owner,
  }));
}

export interface ScoreFact {
  customerId: string;
  kind: string;
  score: number | null;
  level: string;
}

/**
 * The page's current scores. The kinds are listed so the key (org, kind, customer) is searched
 * for each pair; with the customers alone SQLite walks every score of the org for each page.
 */
export async function currentScores(db: Db, orgId: number, ids: readonly string[]): Promise<ScoreFact[]> {
  const out: ScoreFact[] = [];
  for (const c of chunks(ids)) {
    const rows = await q(db)
      .selectFrom("scores")
      .select(["customer_id", "kind", "score", "level"])
      .where("org_id", "=", orgId)
      .where("kind", "in", [...SCORE_KINDS])
      .where("customer_id", "in", c)
      .execute();
    for (const r of rows)
      out.push({
        customerId: r.customer_id,
        kind: r.kind,
        score: r.score === null ? null : Number(r.score),
        level: r.level,
      });
  }
  return out;
}

export interface SubscriptionFact {
  customerId: string;
  planTier: string;
  startDate: string;
  endDate: string | null;
  status: string | null;
  trialEnd: string | null;
  billingFrequency: string | null;
  isTrial: boolean;
  downgrade: boolean;
}

export async function subscriptionFacts(
  db: Db,
  orgId: number,
  ids: readonly string[],
): Promise<SubscriptionFact[]> {
  const out: SubscriptionFact[] = [];
  for (const c of chunks(ids)) {
    const rows = await q(db)
      .selectFrom("subscriptions")
      .select([
        "customer_id",
        "plan_tier",
        "start_date",
        "end_date",
        "status",
        "trial_end",
        "billing_frequency",
        "is_trial",
        "downgrade_flag",
      ])
      .where("org_id", "=", orgId)
      .where("customer_id", "in", c)
      .orderBy("customer_id")
      .orderBy("start_date")
      .execute();
    for (const r of rows)
      out.push({
        customerId: r.customer_id,
        planTier: r.plan_tier,
        startDate: r.start_date,
        endDate: r.end_date,
        status: r.status,
        trialEnd: r.trial_end,
        billingFrequency: r.billing_frequency,
        isTrial: Number(r.is_trial) === 1,
        downgrade: Number(r.downgrade_flag) === 1,
      });
  }
  return out;
}

export interface EventFact {
  customerId: string;
  type: string;
  ts: string;
  properties: string;
}

/** Canonical events of the page's customers in (from, to], by customer, oldest first. */
export async function recentEvents(
  db: Db,
  orgId: number,
  ids: readonly string[],
  from: string,
  to: string,
): Promise<EventFact[]> {
  const out: EventFact[] = [];
  for (const c of chunks(ids)) {
    const rows = await q(db)
      .selectFrom("events")
      .select(["customer_id", "type", "ts", "properties"])
      .where("org_id", "=", orgId)
      .where("customer_id", "in", c)
      .where("ts", ">", from)
      .where("ts", "<=", to)
      // By customer, then time: the (org, customer, ts) index serves it (ordered by time alone,
      // SQLite walks every event of the org in the window for each page).
      .orderBy("customer_id")
      .orderBy("ts")
      .execute();
    for (const r of rows)
      out.push({ customerId: r.customer_id, type: r.type, ts: r.ts, properties: r.properties });
  }
  return out;
}

/** The first day of usage per customer (the coverage floor counts days of history from it). */
export async function firstUsageDays(
  db: Db,
  orgId: number,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of chunks(ids)) {
    const rows = await q(db)
      .selectFrom("usage_daily")
      .select(["customer_id", (eb) => eb.fn.min("day").as("first")])
      .where("org_id", "=", orgId)
      .where("customer_id", "in", c)
      .groupBy("customer_id")
      .execute();
    for (const r of rows) if (r.first) out.set(r.customer_id, String(r.first));
  }
  return out;
}

/** Tickets the analyzers flagged with churn intent, submitted in (from, to]. */
export async function churnIntentTickets(
  db: Db,
  orgId: number,
  ids: readonly string[],
  from: string,
  to: string,
): Promise<{ customerId: string; ticketId: string; at: string }[]> {
  const out: { customerId: string; ticketId: string; at: string }[] = [];
  for (const c of chunks(ids)) {
    const rows = await q(db)
      .selectFrom("tickets as t")
      .innerJoin("ticket_analyses as a", (j) =>
        j.onRef("a.org_id", "=", "t.org_id").onRef("a.ticket_id", "=", "t.id"),
      )
      .select(["t.customer_id", "t.id", "t.submitted_at"])
      .where("t.org_id", "=", orgId)
      .where("t.customer_id", "in", c)
      .where("a.churn_intent", "=", 1)
      .where("t.submitted_at", ">", from)
      .where("t.submitted_at", "<=", to)
      .execute();
    for (const r of rows)
      if (r.customer_id) out.push({ customerId: r.customer_id, ticketId: r.id, at: r.submitted_at });
  }
  return out;
}

export interface PlanFact {
  tier: string;
  rank: number;
  price: number | null;
}

export async function planFacts(db: Db, orgId: number): Promise<PlanFact[]> {
  const rows = await q(db)
    .selectFrom("plans")
    .select(["tier", "rank", "price_monthly"])
    .where("org_id", "=", orgId)
    .execute();
  return rows.map((r) => ({
    tier: r.tier,
    rank: Number(r.rank),
    price: r.price_monthly === null ? null : Number(r.price_monthly),
  }));
}

/** Live customers and MRR per plan (the org-scope insights' aggregates). */
export async function revenueByPlan(
  db: Db,
  orgId: number,
): Promise<{ plan: string; mrr: number; customers: number }[]> {
  const rows = await q(db)
    .selectFrom("customers")
    .select([
      "plan_tier",
      (eb) => eb.fn.sum<number>("mrr").as("mrr"),
      (eb) => eb.fn.countAll<number>().as("n"),
    ])
    .where("org_id", "=", orgId)
    .where((eb) => eb.or([eb("status", "is", null), eb("status", "!=", "churned")]))
    .groupBy("plan_tier")
    .execute();
  return rows.map((r) => ({
    plan: r.plan_tier ?? "(none)",
    mrr: Number(r.mrr ?? 0),
    customers: Number(r.n),
  }));
}
