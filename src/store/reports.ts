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
