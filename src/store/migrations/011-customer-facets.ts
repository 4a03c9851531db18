import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/** The kinds listed, as of this migration (a later kind gets its own migration). */
const LEVEL_KINDS = [
  "churn_risk",
  "early_warning",
  "health",
  "lifecycle_stage",
  "upgrade_readiness",
  "usage_limits",
  "usage_trend",
];
/** Each headline kind's drivers as of this migration: bit i of its `drv_` column is driver i. */
const DRIVERS: Record<string, string[]> = {
  churn_risk: [
    "sessions_vs_baseline",
    "feature_use_drop",
    "api_calls_wow",
    "feature_breadth",
    "ticket_sentiment",
    "churn_intent",
    "payments_failed",
    "cancel_page",
    "inactive_days",
    "active_days_30",
    "downgrade",
    "nps",
    "subscription_status",
  ],
  early_warning: ["usage", "support", "errors", "intent", "satisfaction", "downgrade", "trial"],
};
const DRIVER_KINDS = Object.keys(DRIVERS);

/**
 * The customer list and its facets at scale (issue 18): each customer's current level of every
 * listed kind and its headline drivers sit on its `customers` row (written by the score saver),
 * so counts read one table; one covering index serves the facet group-bys as index-only scans;
 * and churn risk, the default headline, gets the rank index early warning has (migration 005),
 * so the default list walks an index. Drivers are a bitmask (bit i: the kind's i-th driver), tested with `&`. Backfilled from the current scores.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  const s = db.schema;
  for (const k of LEVEL_KINDS) await s.alterTable("customers").addColumn(`lvl_${k}`, "text").execute();
  for (const k of DRIVER_KINDS) await s.alterTable("customers").addColumn(`drv_${k}`, "integer").execute();
  const of = (kind: string, col: string) =>
    sql`(select s.${sql.ref(col)} from scores s where s.org_id = customers.org_id and s.kind = ${kind} and s.customer_id = customers.id)`;
  // The drivers as a bitmask, from the comma-wrapped reason kinds of the score row.
  const mask = (k: string) =>
    sql`(select ${sql.join(
      DRIVERS[k]!.map((d, i) => sql`case when s.reason_kinds like ${`%,${d},%`} then ${1 << i} else 0 end`),
      sql` + `,
    )} from scores s where s.org_id = customers.org_id and s.kind = ${k} and s.customer_id = customers.id)`;
  const sets = sql.join([
    ...LEVEL_KINDS.map((k) => sql`${sql.ref(`lvl_${k}`)} = ${of(k, "level")}`),
    ...DRIVER_KINDS.map((k) => sql`${sql.ref(`drv_${k}`)} = ${mask(k)}`),
  ]);
  await sql`update customers set ${sets}`.execute(db);
  await s
    .createIndex("customers_facets")
    .on("customers")
    .columns([
      "org_id",
      "status",
      "plan_tier",
      ...LEVEL_KINDS.map((k) => `lvl_${k}`),
      "arr",
      ...DRIVER_KINDS.map((k) => `drv_${k}`),
    ])
    .execute();
  const churnRisk = sql<boolean>`kind = 'churn_risk'`;
  await s
    .createIndex("scores_rank_churn_risk")
    .on("scores")
    .columns(["org_id", "kind", "score", "arr", "customer_id"])
    .where(churnRisk)
    .execute();
  await s
    .createIndex("scores_level_rank_churn_risk")
    .on("scores")
    .columns(["org_id", "kind", "level", "score", "arr", "customer_id"])
    .where(churnRisk)
    .execute();
}
