import type { CustomerFacetsQuery } from "../contracts/customers.ts";
import {
  CUSTOMER_STATUSES,
  filterLabel,
  HEADLINE_DRIVERS,
  HEADLINE_LEVELS,
  type HeadlineKind,
} from "../core/customers/list-filters.ts";
import { columnCounts, driverCounts, levelCounts, type ValueCount } from "../store/customer-facets.ts";
import { type CustomerFilter, customerTotals, knownPlanTiers } from "../store/customers.ts";
import type { UseCaseContext } from "./context.ts";
import { type CustomerTotal, customerFilter, LEVEL_FILTERS } from "./list-customers.ts";

export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

/** Per-kind level values the list accepts (the query's enums), in the order shown. */
const KIND_LEVELS: Record<(typeof LEVEL_FILTERS)[number][0], readonly string[]> = {
  churn_risk_tier: HEADLINE_LEVELS.churn_risk,
  health_band: ["critical", "at_risk", "watch", "stable", "healthy"],
  lifecycle_stage: ["onboarding", "active", "at_risk", "churned", "advocate"],
  upgrade_readiness: ["pitch", "talk_to", "leave_alone", "unscored"],
  usage_limits: ["over_limit", "near_limit", "ok"],
  usage_trend: ["declining", "flat", "growing"],
};

/**
 * Options in a known order (values the list does not accept are left out), each with its label;
 * a value with no customers is kept when listed in `always` (the catalog's tiers, the chosen value).
 */
function options(counts: ValueCount[], order: readonly string[] | null, always: readonly string[] = []) {
  const by = new Map<string, number>();
  for (const c of counts) if (c.value !== null) by.set(c.value, (by.get(c.value) ?? 0) + c.count);
  for (const v of always) if (!by.has(v)) by.set(v, 0);
  const values = order ? order.filter((v) => by.has(v)) : [...by.keys()].sort();
  return values
    .map((value) => ({ value, label: filterLabel(value), count: by.get(value)! }))
    .filter((o) => o.count > 0 || always.includes(o.value));
}

const chosen = (v: string | undefined) => (v === undefined ? [] : [v]);

/**
 * The list's filters with their options and counts (GET /v1/customers/facets). Standard
 * faceting: each facet is counted with every other filter of the query applied and its own
 * left out, so choosing an option gives a list whose total is that option's count.
 */
export async function customerFacets(
  ctx: UseCaseContext,
  orgId: number,
  q: CustomerFacetsQuery,
): Promise<{ headline: HeadlineKind; facets: Record<string, FacetOption[]>; total: CustomerTotal }> {
  const f = await customerFilter(ctx, orgId, q);
  const headline = f.headline as HeadlineKind;
  const without = (patch: Partial<CustomerFilter>): CustomerFilter => ({ ...f, ...patch });
  const db = ctx.db;

  // Independent counts: PostgreSQL runs them side by side on the pool; SQLite one after another.
  const [statuses, catalog, plans, levelsOf, kindLevels, drivers, total] = await Promise.all([
    // Book and status from one group-by over the status, with neither applied; each then applies the other.
    columnCounts(db, orgId, without({ book: "all", status: undefined }), "status"),
    knownPlanTiers(db, orgId),
    columnCounts(db, orgId, without({ planTier: undefined }), "plan_tier"),
    levelCounts(db, orgId, without({ riskLevel: undefined }), headline),
    Promise.all(
      LEVEL_FILTERS.map(([, kind]) => {
        const rest = { ...f.levels };
        delete rest[kind];
        return levelCounts(db, orgId, without({ levels: rest }), kind);
      }),
    ),
    driverCounts(db, orgId, without({ driver: undefined }), HEADLINE_DRIVERS[headline]),
    customerTotals(db, orgId, f),
  ]);
  const inBook = (s: string | null) =>
    f.book === "churned" ? s === "churned" : f.book === "live" ? s !== "churned" : true;
  const sum = (pred: (s: string | null) => boolean) =>
    statuses.filter((r) => pred(r.value)).reduce((a, r) => a + r.count, 0);
  const ofStatus = (s: string | null) => f.status === undefined || s === f.status;
  const book = [
    { value: "live", label: filterLabel("live"), count: sum((s) => s !== "churned" && ofStatus(s)) },
    { value: "churned", label: filterLabel("churned"), count: sum((s) => s === "churned" && ofStatus(s)) },
    { value: "all", label: filterLabel("all"), count: sum(ofStatus) },
  ];
  const status = options(
    statuses.filter((r) => inBook(r.value)),
    CUSTOMER_STATUSES,
    chosen(q.status),
  );
  const plan_tier = options(plans, null, [...catalog, ...chosen(q.plan_tier)]);
  const risk_level = options(levelsOf, HEADLINE_LEVELS[headline], chosen(q.risk_level));
  const levels: Record<string, FacetOption[]> = {};
  LEVEL_FILTERS.forEach(([field], i) => {
    levels[field] = options(kindLevels[i]!, KIND_LEVELS[field], chosen(q[field]));
  });
  const driver = options(drivers, HEADLINE_DRIVERS[headline], chosen(q.driver));
  return { headline, facets: { book, status, plan_tier, risk_level, ...levels, driver }, total };
}
