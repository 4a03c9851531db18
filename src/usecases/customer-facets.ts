import type { CustomerFacetsQuery } from "../contracts/customers.ts";
import {
  CUSTOMER_STATUSES,
  filterLabel,
  HEADLINE_DRIVERS,
  HEADLINE_LEVELS,
  type HeadlineKind,
} from "../core/customers/list-filters.ts";
import { driverCounts, type FacetCell, facetCells, type ValueCount } from "../store/customer-facets.ts";
import { type CustomerFilter, knownPlanTiers } from "../store/customers.ts";
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

/** A facet's own filter: the cell field it reads and the value chosen. */
interface Dim {
  facet: string;
  value: (c: FacetCell) => string | null;
  chosen: string | undefined;
}

/**
 * The list's filters with their options and counts (GET /v1/customers/facets). Standard
 * faceting: each facet is counted with every other filter of the query applied and its own
 * left out, so choosing an option gives a list whose total is that option's count. One pass
 * reads the cells (each combination of status, tier and levels, with the query's other filters
 * applied: min ARR, text, driver); every facet and the totals are sums over them. The drivers
 * are a second pass (without the driver filter).
 */
export async function customerFacets(
  ctx: UseCaseContext,
  orgId: number,
  q: CustomerFacetsQuery,
): Promise<{ headline: HeadlineKind; facets: Record<string, FacetOption[]>; total: CustomerTotal }> {
  const f = await customerFilter(ctx, orgId, q);
  const headline = f.headline as HeadlineKind;
  const db = ctx.db;
  // The filters that are not facet columns go to the store; the rest are applied to the cells.
  const rest: CustomerFilter = { headline, book: "all", minArr: f.minArr, q: f.q };
  const [cells, catalog, drivers] = await Promise.all([
    facetCells(db, orgId, { ...rest, driver: f.driver }),
    knownPlanTiers(db, orgId),
    driverCounts(db, orgId, { ...f, driver: undefined }, HEADLINE_DRIVERS[headline]),
  ]);
  const inBook = (s: string | null) =>
    f.book === "churned" ? s === "churned" : f.book === "live" ? s !== "churned" : true;
  const dims: Dim[] = [
    { facet: "status", value: (c) => c.status, chosen: f.status },
    { facet: "plan_tier", value: (c) => c.plan_tier, chosen: f.planTier },
    { facet: "risk_level", value: (c) => c.levels[headline] ?? null, chosen: f.riskLevel },
    ...LEVEL_FILTERS.map(([field, kind]) => ({
      facet: field,
      value: (c: FacetCell) => c.levels[kind] ?? null,
      chosen: f.levels?.[kind],
    })),
  ];
  /** The cells passing every filter but `skip`'s (and the book, unless `book`). */
  const passing = (skip: string | null, book = true) =>
    cells.filter(
      (c) =>
        (!book || inBook(c.status)) &&
        dims.every((d) => d.facet === skip || d.chosen === undefined || d.value(c) === d.chosen),
    );
  const countsBy = (dim: Dim, of: FacetCell[]): ValueCount[] => {
    const by = new Map<string | null, number>();
    for (const c of of) by.set(dim.value(c), (by.get(dim.value(c)) ?? 0) + c.count);
    return [...by].map(([value, count]) => ({ value, count }));
  };
  const dim = (facet: string) => dims.find((d) => d.facet === facet)!;
  // Book and status from the status counts with neither applied; each then applies the other.
  const statuses = countsBy(dim("status"), passing("status", false));
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
  const plan_tier = options(countsBy(dim("plan_tier"), passing("plan_tier")), null, [
    ...catalog,
    ...chosen(q.plan_tier),
  ]);
  const risk_level = options(
    countsBy(dim("risk_level"), passing("risk_level")),
    HEADLINE_LEVELS[headline],
    chosen(q.risk_level),
  );
  const levels: Record<string, FacetOption[]> = {};
  for (const [field] of LEVEL_FILTERS) {
    levels[field] = options(countsBy(dim(field), passing(field)), KIND_LEVELS[field], chosen(q[field]));
  }
  const driver = options(drivers, HEADLINE_DRIVERS[headline], chosen(q.driver));
  const matching = passing(null);
  const total = {
    customers: matching.reduce((a, c) => a + c.count, 0),
    arr: matching.reduce((a, c) => a + c.arr, 0),
  };
  return { headline, facets: { book, status, plan_tier, risk_level, ...levels, driver }, total };
}
