import { type SqlBool, sql } from "kysely";
import type { Db } from "./open-store.ts";
import { chunks } from "./plays/tables.ts";
import { rq } from "./retention/tables.ts";

/** What the renewal date of a subscription is computed from, and what is stored now. */
export interface SubscriptionTerms {
  id: string;
  start_date: string;
  end_date: string | null;
  billing_frequency: string | null;
  status: string | null;
  trial_end: string | null;
  renewal_date: string | null;
  renewal_kind: string | null;
  renewal_term: number | null;
}

/**
 * The org's subscriptions with their terms and stored renewal (the refresh recomputes them): all,
 * or only those of `customers` and those with no renewal computed yet.
 */
export async function subscriptionTerms(
  db: Db,
  orgId: number,
  customers?: readonly string[],
): Promise<SubscriptionTerms[]> {
  if (customers) {
    const out: SubscriptionTerms[] = [];
    const seen = new Set<string>();
    for (const part of [...chunks([...customers], 500).map((c) => c as string[] | null), null]) {
      for (const r of await subscriptionTermsWhere(db, orgId, part)) {
        if (!seen.has(r.id)) out.push(r);
        seen.add(r.id);
      }
    }
    return out;
  }
  return subscriptionTermsWhere(db, orgId, undefined);
}

/** Terms of all subscriptions (undefined), of some customers' (a list), or not computed yet (null). */
async function subscriptionTermsWhere(
  db: Db,
  orgId: number,
  customers: string[] | null | undefined,
): Promise<SubscriptionTerms[]> {
  const rows = await rq(db)
    .selectFrom("subscriptions")
    .select([
      "id",
      "start_date",
      "end_date",
      "billing_frequency",
      "status",
      "trial_end",
      "renewal_date",
      "renewal_kind",
      "renewal_term",
    ])
    .where("org_id", "=", orgId)
    .$if(customers === null, (b) => b.where("renewal_kind", "is", null))
    .$if(Array.isArray(customers), (b) => b.where("customer_id", "in", customers!))
    .execute();
  return rows.map((r) => ({ ...r, renewal_term: r.renewal_term === null ? null : Number(r.renewal_term) }));
}

export interface RenewalWrite {
  id: string;
  date: string | null;
  kind: string;
  term: number;
}

/** Writes the renewals that changed and the as-of day they hold for, in one transaction (the caller's). */
export async function writeRenewalDates(
  tx: Db,
  orgId: number,
  asOf: string,
  rows: readonly RenewalWrite[],
): Promise<void> {
  for (const part of chunks([...rows], 200)) {
    for (const r of part) {
      await rq(tx)
        .updateTable("subscriptions")
        .set({ renewal_date: r.date, renewal_kind: r.kind, renewal_term: r.term })
        .where("org_id", "=", orgId)
        .where("id", "=", r.id)
        .execute();
    }
  }
  await rq(tx)
    .insertInto("renewal_dates_state")
    .values({ org_id: orgId, as_of: asOf })
    .onConflict((oc) => oc.column("org_id").doUpdateSet({ as_of: asOf }))
    .execute();
}

/** The as-of day the org's stored renewal dates hold for (null before the first refresh). */
export async function renewalDatesAsOf(db: Db, orgId: number): Promise<string | null> {
  const state = await rq(db)
    .selectFrom("renewal_dates_state")
    .select("as_of")
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return state?.as_of ?? null;
}

/**
 * Are the stored renewal dates those of `asOf`: computed for that day, and no subscription
 * written since without one (two index probes)?
 */
export async function renewalDatesFresh(db: Db, orgId: number, asOf: string): Promise<boolean> {
  if ((await renewalDatesAsOf(db, orgId)) !== asOf) return false;
  const stale = await rq(db)
    .selectFrom("subscriptions")
    .select("id")
    .where("org_id", "=", orgId)
    .where("renewal_kind", "is", null)
    .limit(1)
    .executeTakeFirst();
  return stale === undefined;
}

export type RenewalSortKey = "renewal_date" | "-arr" | "-risk_score";

export interface DueQuery {
  asOf: string;
  /** The last day listed (asOf + within days). */
  until: string;
  includeMonthly: boolean;
  headline: string;
}

/** The renewals of open subscriptions of customers not churned, from `asOf` to `until` (the index range). */
function due(db: Db, orgId: number, q: DueQuery) {
  return rq(db)
    .selectFrom("subscriptions as s")
    .innerJoin("customers as c", (j) =>
      j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
    )
    .where("s.org_id", "=", orgId)
    .where("s.renewal_date", ">=", q.asOf)
    .where("s.renewal_date", "<=", q.until)
    .where((w) => w.or([w("s.status", "is", null), w("s.status", "<>", "canceled")]))
    .where((w) => w.or([w("s.end_date", "is", null), w("s.end_date", ">", q.asOf)]))
    .where(sql<SqlBool>`(c.status is null or c.status <> 'churned')`)
    .$if(!q.includeMonthly, (b) =>
      b.where(sql<SqlBool>`not (s.renewal_kind = 'renewal' and s.renewal_term < 3)`),
    );
}

/** How many renewals and how much ARR fall within each window (days from asOf: the buckets). */
export async function dueTotals(
  db: Db,
  orgId: number,
  q: DueQuery,
  windows: readonly { within: number; until: string }[],
): Promise<{ within: number; subscriptions: number; arr: number }[]> {
  const row = (await due(db, orgId, q)
    .select(
      windows.flatMap((w, i) => [
        sql<number>`coalesce(sum(case when s.renewal_date <= ${w.until} then 1 else 0 end), 0)`.as(`n${i}`),
        sql<number>`coalesce(sum(case when s.renewal_date <= ${w.until} then s.arr else 0 end), 0)`.as(
          `a${i}`,
        ),
      ]),
    )
    .executeTakeFirstOrThrow()) as Record<string, unknown>;
  return windows.map((w, i) => ({
    within: w.within,
    subscriptions: Number(row[`n${i}`]),
    arr: Math.round(Number(row[`a${i}`]) * 100) / 100,
  }));
}

export interface DueRow {
  subscription_id: string;
  customer_id: string;
  account_name: string | null;
  plan_tier: string;
  renewal_date: string;
  renewal_kind: string;
  auto_renew: number;
  arr: number;
  owner: string | null;
  risk_score: number | null;
  risk_level: string | null;
}

/**
 * One page of renewals in the sort's order after the keyset `after` ([renewal_date, id], or
 * [arr | score, renewal_date, id] for the descending sorts, the score's nulls last).
 */
export async function duePage(
  db: Db,
  orgId: number,
  q: DueQuery,
  sort: RenewalSortKey,
  after: readonly (string | number | null)[] | undefined,
  limit: number,
): Promise<DueRow[]> {
  let b = due(db, orgId, q).leftJoin("scores as k", (j) =>
    j.onRef("k.org_id", "=", "c.org_id").onRef("k.customer_id", "=", "c.id").on("k.kind", "=", q.headline),
  );
  if (after) {
    const rest = (d: unknown, id: unknown) =>
      sql<SqlBool>`(s.renewal_date > ${d} or (s.renewal_date = ${d} and s.id > ${id}))`;
    if (sort === "renewal_date") {
      b = b.where(rest(after[0], after[1]));
    } else {
      const col = sql.ref(sort === "-arr" ? "s.arr" : "k.score");
      const [x, d, id] = after;
      b = b.where(
        x === null || x === undefined
          ? sql<SqlBool>`(${col} is null and ${rest(d, id)})`
          : sql<SqlBool>`(${col} < ${x} or ${col} is null or (${col} = ${x} and ${rest(d, id)}))`,
      );
    }
  }
  if (sort === "-arr") b = b.orderBy("s.arr", "desc");
  if (sort === "-risk_score")
    b = b.orderBy(sql`case when k.score is null then 1 else 0 end`).orderBy("k.score", "desc");
  const rows = await b
    .orderBy("s.renewal_date")
    .orderBy("s.id")
    .select([
      "s.id as subscription_id",
      "s.customer_id",
      sql<string | null>`coalesce(c.account_name, c.name)`.as("account_name"),
      "s.plan_tier",
      "s.renewal_date",
      "s.renewal_kind",
      "s.auto_renew",
      "s.arr",
      "c.owner",
      "k.score as risk_score",
      "k.level as risk_level",
    ])
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    renewal_date: r.renewal_date!,
    renewal_kind: r.renewal_kind!,
    auto_renew: Number(r.auto_renew),
    arr: Number(r.arr),
    risk_score: r.risk_score === null ? null : Number(r.risk_score),
  }));
}
