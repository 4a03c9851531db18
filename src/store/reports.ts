import { sql } from "kysely";
import { REASON_KINDS, type ReasonKind } from "../core/early-warning/config.ts";
import { EARLY_WARNING } from "./customers.ts";
import { churnReasonCounts } from "./early-warning-inputs.ts";
import type { Db } from "./open-store.ts";

const churnedExpr = sql<number>`case when exists (select 1 from churn_events e where e.org_id = c.org_id and e.account_id = c.account_id) then 1 else 0 end`;

/** Executive figures over the org's stored early-warning scores. */
export async function executiveFigures(db: Db, orgId: number) {
  const agg = await db.kysely
    .selectFrom("scores as s")
    .innerJoin("customers as c", (j) =>
      j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
    )
    .where("s.org_id", "=", orgId)
    .where("s.kind", "=", EARLY_WARNING)
    .select([
      sql<number>`count(*)`.as("customers"),
      sql<number>`coalesce(sum(c.arr), 0)`.as("total_arr"),
      sql<number>`coalesce(sum(case when s.level <> 'Low' then c.arr else 0 end), 0)`.as("arr_at_risk"),
      sql<number>`coalesce(sum(case when s.level = 'High' then 1 else 0 end), 0)`.as("high"),
      sql<number>`coalesce(sum(case when s.level = 'Medium' then 1 else 0 end), 0)`.as("medium"),
      sql<number>`coalesce(sum(case when s.level = 'Low' then 1 else 0 end), 0)`.as("low"),
      sql<number>`coalesce(sum(${churnedExpr}), 0)`.as("churned"),
      sql<string | null>`max(s.as_of)`.as("as_of"),
      sql<string | null>`max(s.computed_at)`.as("computed_at"),
    ])
    .executeTakeFirstOrThrow();
  const sample = await db.kysely
    .selectFrom("scores")
    .select("signals")
    .where("org_id", "=", orgId)
    .where("kind", "=", EARLY_WARNING)
    .limit(1)
    .executeTakeFirst();
  // Early warning keeps its window ends in the row's detail (rows from before version 006: at the top).
  type Ends = { usage_end?: string; tickets_end?: string };
  const stored = sample ? (JSON.parse(sample.signals) as Ends & { detail?: Ends | null }) : {};
  const signals: Ends = stored.detail ?? stored;
  const n = Number(agg.customers);
  const share = (x: number) => (n ? Number((Number(x) / n).toFixed(4)) : 0);
  return {
    as_of: agg.as_of,
    computed_at: agg.computed_at,
    customers: n,
    churn_rate_label: share(agg.churned),
    high_risk_share: share(agg.high),
    arr_at_risk: Number(agg.arr_at_risk),
    total_arr: Number(agg.total_arr),
    avg_arr: n ? Number((Number(agg.total_arr) / n).toFixed(2)) : 0,
    level_counts: { High: Number(agg.high), Medium: Number(agg.medium), Low: Number(agg.low) },
    usage_window_end: signals.usage_end ?? null,
    tickets_window_end: signals.tickets_end ?? null,
  };
}

/** Drivers figures: risk by plan tier, customers per reason kind, churn reason counts. */
export async function driverFigures(db: Db, orgId: number) {
  const base = db.kysely
    .selectFrom("scores as s")
    .innerJoin("customers as c", (j) =>
      j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
    )
    .where("s.org_id", "=", orgId)
    .where("s.kind", "=", EARLY_WARNING);
  const tiers = await base
    .select([
      sql<string>`coalesce(c.plan_tier, '(none)')`.as("plan_tier"),
      sql<number>`count(*)`.as("customers"),
      sql<number>`avg(s.score)`.as("avg_risk_score"),
    ])
    .groupBy(sql`coalesce(c.plan_tier, '(none)')`)
    .orderBy(sql`coalesce(c.plan_tier, '(none)')`)
    .execute();
  const kinds = await base
    .select(
      REASON_KINDS.map((k) =>
        sql<number>`coalesce(sum(case when s.reason_kinds like ${`%,${k},%`} then 1 else 0 end), 0)`.as(k),
      ),
    )
    .executeTakeFirstOrThrow();
  const reasons = await churnReasonCounts(db, orgId, null);
  return {
    risk_by_plan_tier: tiers.map((t) => ({
      plan_tier: t.plan_tier,
      customers: Number(t.customers),
      avg_risk_score: Number(Number(t.avg_risk_score).toFixed(4)),
    })),
    drivers: Object.fromEntries(
      REASON_KINDS.map((k) => [k, Number((kinds as Record<string, unknown>)[k])]),
    ) as Record<ReasonKind, number>,
    churn_reasons: Object.entries(reasons).map(([reason_code, count]) => ({ reason_code, count })),
  };
}

export type ReportName = "executive" | "drivers";

export async function saveReportSnapshot(db: Db, orgId: number, name: ReportName, at: Date, body: unknown) {
  const values = { org_id: orgId, name, computed_at: at.toISOString(), body: JSON.stringify(body) };
  await db.kysely
    .insertInto("report_snapshots")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["org_id", "name"]).doUpdateSet({ computed_at: values.computed_at, body: values.body }),
    )
    .execute();
}

export async function loadReportSnapshot(
  db: Db,
  orgId: number,
  name: ReportName,
): Promise<unknown | undefined> {
  const row = await db.kysely
    .selectFrom("report_snapshots")
    .select("body")
    .where("org_id", "=", orgId)
    .where("name", "=", name)
    .executeTakeFirst();
  return row ? JSON.parse(row.body) : undefined;
}

/** Customers not churned (a customer the refresh has not given a status yet counts as live). */
const liveExpr = sql<boolean>`(c.status is null or c.status <> 'churned')`;

export interface BookFigures {
  as_of: string | null;
  computed_at: string | null;
  /** Live customers per stored level of the kind (null level: no score row yet). */
  levels: { key: string | null; customers: number; arr: number }[];
  /** Every customer (live and churned) per stored status. */
  statuses: { key: string | null; customers: number; arr: number }[];
  /** Live customers and their ARR. */
  customers: number;
  arr: number;
  /** ARR of live customers whose level is one of `atRisk`. */
  arr_at_risk: number;
  /** Share of all scored customers whose account has a churn event (the seed's label). */
  churn_rate_label: number;
}

/**
 * The live book by the headline score `kind`: levels (customers, ARR), ARR at risk, and every
 * customer by status. One pass over customers joined to their score row of that kind.
 */
export async function bookFigures(
  db: Db,
  orgId: number,
  kind: string,
  atRisk: readonly string[],
): Promise<BookFigures> {
  const joined = db.kysely
    .selectFrom("customers as c")
    .leftJoin("scores as s", (j) =>
      j.onRef("s.org_id", "=", "c.org_id").onRef("s.customer_id", "=", "c.id").on("s.kind", "=", kind),
    )
    .where("c.org_id", "=", orgId);
  const levels = await joined
    .where(liveExpr)
    .select([
      "s.level as key",
      sql<number>`count(*)`.as("customers"),
      sql<number>`coalesce(sum(c.arr), 0)`.as("arr"),
    ])
    .groupBy("s.level")
    .execute();
  const statuses = await db.kysely
    .selectFrom("customers as c")
    .where("c.org_id", "=", orgId)
    .select([
      "c.status as key",
      sql<number>`count(*)`.as("customers"),
      sql<number>`coalesce(sum(c.arr), 0)`.as("arr"),
    ])
    .groupBy("c.status")
    .execute();
  const meta = await db.kysely
    .selectFrom("scores as s")
    .innerJoin("customers as c", (j) =>
      j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
    )
    .where("s.org_id", "=", orgId)
    .where("s.kind", "=", kind)
    .select([
      sql<string | null>`max(s.as_of)`.as("as_of"),
      sql<string | null>`max(s.computed_at)`.as("computed_at"),
      sql<number>`count(*)`.as("scored"),
      sql<number>`coalesce(sum(${churnedExpr}), 0)`.as("labelled"),
    ])
    .executeTakeFirstOrThrow();
  const rows = levels.map((r) => ({ key: r.key, customers: Number(r.customers), arr: Number(r.arr) }));
  const scored = Number(meta.scored);
  return {
    as_of: meta.as_of,
    computed_at: meta.computed_at,
    levels: rows,
    statuses: statuses.map((r) => ({ key: r.key, customers: Number(r.customers), arr: Number(r.arr) })),
    customers: rows.reduce((a, r) => a + r.customers, 0),
    arr: rows.reduce((a, r) => a + r.arr, 0),
    arr_at_risk: rows.filter((r) => r.key !== null && atRisk.includes(r.key)).reduce((a, r) => a + r.arr, 0),
    churn_rate_label: scored ? Number((Number(meta.labelled) / scored).toFixed(4)) : 0,
  };
}

/**
 * The live book's drivers and tiers by the headline score `kind`: average score per plan tier
 * (scored customers), and live customers whose row carries each reason kind (`reason_kinds`,
 * the column the list's driver filter reads).
 */
export async function bookDriverFigures(db: Db, orgId: number, kind: string, reasonKinds: readonly string[]) {
  const live = db.kysely
    .selectFrom("scores as s")
    .innerJoin("customers as c", (j) =>
      j.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.customer_id"),
    )
    .where("s.org_id", "=", orgId)
    .where("s.kind", "=", kind)
    .where(liveExpr);
  const tiers = await live
    .where("s.score", "is not", null)
    .select([
      sql<string>`coalesce(c.plan_tier, '(none)')`.as("plan_tier"),
      sql<number>`count(*)`.as("customers"),
      sql<number>`coalesce(sum(c.arr), 0)`.as("arr"),
      sql<number>`avg(s.score)`.as("avg_risk_score"),
    ])
    .groupBy(sql`coalesce(c.plan_tier, '(none)')`)
    .orderBy(sql`coalesce(c.plan_tier, '(none)')`)
    .execute();
  const counts: Record<string, number> = {};
  if (reasonKinds.length > 0) {
    const row = await live
      .select(
        reasonKinds.map((k, i) =>
          sql<number>`coalesce(sum(case when s.reason_kinds like ${`%,${k},%`} then 1 else 0 end), 0)`.as(
            `k${i}`,
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    reasonKinds.forEach((k, i) => {
      counts[k] = Number((row as Record<string, unknown>)[`k${i}`]);
    });
  }
  return {
    tiers: tiers.map((t) => ({
      plan_tier: t.plan_tier,
      customers: Number(t.customers),
      arr: Number(t.arr),
      avg_risk_score: Number(Number(t.avg_risk_score).toFixed(4)),
    })),
    counts,
  };
}

/** Churned customers whose churn date falls in [from, to], by reason and by month ("YYYY-MM"). */
export async function lostFigures(db: Db, orgId: number, from: string, to: string) {
  const base = db.kysely
    .selectFrom("customers as c")
    .where("c.org_id", "=", orgId)
    .where("c.status", "=", "churned")
    .where("c.churn_date", ">=", from)
    .where("c.churn_date", "<=", to);
  const lost = sql<number>`coalesce(sum(coalesce(c.lost_arr, c.arr)), 0)`;
  const byReason = await base
    .select(["c.churn_reason as key", sql<number>`count(*)`.as("customers"), lost.as("arr")])
    .groupBy("c.churn_reason")
    .execute();
  const month = sql<string>`substr(c.churn_date, 1, 7)`;
  const byMonth = await base
    .select([month.as("key"), sql<number>`count(*)`.as("customers"), lost.as("arr")])
    .groupBy(month)
    .execute();
  const norm = (r: { key: string | null; customers: unknown; arr: unknown }) => ({
    key: r.key,
    customers: Number(r.customers),
    arr: Number(r.arr),
  });
  return { byReason: byReason.map(norm), byMonth: byMonth.map(norm) };
}

/** Where early warning's usage and ticket windows ended, from one stored row (null: none yet). */
export async function earlyWarningWindowEnds(
  db: Db,
  orgId: number,
): Promise<{ usage_end: string | null; tickets_end: string | null }> {
  const sample = await db.kysely
    .selectFrom("scores")
    .select("signals")
    .where("org_id", "=", orgId)
    .where("kind", "=", EARLY_WARNING)
    .limit(1)
    .executeTakeFirst();
  type Ends = { usage_end?: string; tickets_end?: string };
  const stored = sample ? (JSON.parse(sample.signals) as Ends & { detail?: Ends | null }) : {};
  const signals: Ends = stored.detail ?? stored;
  return { usage_end: signals.usage_end ?? null, tickets_end: signals.tickets_end ?? null };
}
