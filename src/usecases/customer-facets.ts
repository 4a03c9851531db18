import type { CustomerFacetsQuery } from "../contracts/customers.ts";
import {
  CUSTOMER_STATUSES,
  filterLabel,
  HEADLINE_DRIVERS,
  HEADLINE_LEVELS,
  type HeadlineKind,
} from "../core/customers/list-filters.ts";
import {
  canUseCells,
  cellPlanTiers,
  driverCounts,
  type FacetCell,
  facetCells,
  type ValueCount,
} from "../store/customer-facets.ts";
import { knownPlanTiers } from "../store/customers.ts";
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
 * are a second pass (without the driver filter). Both read the facet cells (migration 019, a
 * few thousand rows kept by triggers) unless the query has free text or an ARR floor, which are
 * per customer and read the customers.
 */
export async function customerFacets(
  ctx: UseCaseContext,
  orgId: number,
  q: CustomerFacetsQuery,
): Promise<{ headline: HeadlineKind; facets: Record<string, FacetOption[]>; total: CustomerTotal }> {
  const f = await customerFilter(ctx, orgId, q);
  const headline = f.headline as HeadlineKind;
  const db = ctx.db;
  const inBook = (s: string | null) =>
    f.book === "churned" ? s === "churned" : f.book === "live" ? s !== "churned" : true;
  const dims: Dim[] = [
    { facet: "status", value: (c) => c.status, chosen: f.status },
    { facet: "plan_tier", value: (c) => c.plan_tier, chosen: f.planTier },
    {
      facet: "risk_level",
      value: (c) => c.levels[headline] ?? null,
      chosen: f.riskLevel,
    },
    ...LEVEL_FILTERS.map(([field, kind]) => ({
      facet: field,
      value: (c: FacetCell) => c.levels[kind] ?? null,
      chosen: f.levels?.[kind],
    })),
  ];
  const drivers = await driverCounts(db, orgId, { ...f, driver: undefined }, HEADLINE_DRIVERS[headline], {
    fromCells: true,
  });
  // Facet-only filters read the facet cells (migration 019: one row per combination, kept by
  // triggers); free text or an ARR floor are per customer: a group-by over the matching customers.
  const fromCells = canUseCells(f);
  const [cells, catalog] = fromCells
    ? [
        await facetCells(db, orgId, { headline, book: "all", driver: f.driver }, { fromCells: true }),
        await cellPlanTiers(db, orgId),
      ]
    : await Promise.all([
        facetCells(db, orgId, { headline, book: "all", minArr: f.minArr, q: f.q, driver: f.driver }),
        knownPlanTiers(db, orgId),
      ]);
  // One pass: a cell failing no filter counts in every facet and the total; a cell failing
  // exactly one facet's filter counts in that facet only (its own filter left out); "status"
  // carries the book too, so its counts have neither applied.
  const by = new Map<string, Map<string | null, number>>(dims.map((d) => [d.facet, new Map()]));
  const add = (d: Dim, c: FacetCell) => {
    const m = by.get(d.facet)!;
    const v = d.value(c);
    m.set(v, (m.get(v) ?? 0) + c.count);
  };
  const total: CustomerTotal = { customers: 0, arr: 0 };
  for (const c of cells) {
    let missed: Dim | null = null;
    let misses = 0;
    for (const d of dims) {
      const ok =
        (d.facet !== "status" || inBook(c.status)) && (d.chosen === undefined || d.value(c) === d.chosen);
      if (!ok) {
        missed = d;
        if (++misses > 1) break;
      }
    }
    if (misses === 0) {
      for (const d of dims) add(d, c);
      total.customers += c.count;
      total.arr += c.arr;
    } else if (misses === 1) add(missed!, c);
  }
  const countsOf = (facet: string): ValueCount[] =>
    [...by.get(facet)!].map(([value, count]) => ({ value, count }));
  // Book and status from the status counts with neither applied; each then applies the other.
  const statuses = countsOf("status");
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
  const plan_tier = options(countsOf("plan_tier"), null, [...catalog, ...chosen(q.plan_tier)]);
  const risk_level = options(countsOf("risk_level"), HEADLINE_LEVELS[headline], chosen(q.risk_level));
  const levels: Record<string, FacetOption[]> = {};
  for (const [field] of LEVEL_FILTERS) {
    levels[field] = options(countsOf(field), KIND_LEVELS[field], chosen(q[field]));
  }
  const driver = options(drivers, HEADLINE_DRIVERS[headline], chosen(q.driver));
  return { headline, facets: { book, status, plan_tier, risk_level, ...levels, driver }, total };
}
