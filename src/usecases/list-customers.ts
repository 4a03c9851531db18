import type { CustomerFacetsQuery, CustomerListQuery } from "../contracts/customers.ts";
import { HEADLINE_DRIVERS, HEADLINE_LEVELS, type HeadlineKind } from "../core/customers/list-filters.ts";
import { HoldfastError } from "../core/errors.ts";
import {
  type CustomerFilter,
  type CustomerRow,
  listCustomers as customerPage,
  customerTotals,
  isKnownPlanTier,
  knownPlanTiers,
} from "../store/customers.ts";
import type { UseCaseContext } from "./context.ts";
import { headlineKind } from "./headline.ts";
import { orgConfig } from "./org-config.ts";

export type { CustomerRow } from "../store/customers.ts";

export interface CustomerTotal {
  customers: number;
  arr: number;
}

/** The per-kind level filters of the query, by score kind. */
export const LEVEL_FILTERS = [
  ["churn_risk_tier", "churn_risk"],
  ["health_band", "health"],
  ["lifecycle_stage", "lifecycle_stage"],
  ["upgrade_readiness", "upgrade_readiness"],
  ["usage_limits", "usage_limits"],
  ["usage_trend", "usage_trend"],
] as const;

/** The list query (GET /v1/customers) as a store filter over the org's headline score. */
function filterOf(q: CustomerFacetsQuery, headline: HeadlineKind): CustomerFilter {
  const legacyBook = q.churned === undefined ? undefined : q.churned === "true" ? "churned" : "live";
  return {
    headline,
    book: q.book ?? legacyBook ?? "live",
    status: q.status,
    planTier: q.plan_tier,
    riskLevel: q.risk_level,
    minArr: q.min_arr,
    q: q.q,
    driver: q.driver,
    levels: Object.fromEntries(
      LEVEL_FILTERS.map(([field, kind]) => [kind, q[field]]).filter(([, v]) => v !== undefined),
    ) as Record<string, string>,
  };
}

const invalid = (field: string, message: string, details: string[] = []) =>
  new HoldfastError("invalid_input", `${field}: ${message}`, { details });

/**
 * The query checked against this org's data and headline: the risk level and driver must be the
 * headline's, the plan tier one of the workspace's (400 naming the field and the valid values).
 */
export async function customerFilter(
  ctx: UseCaseContext,
  orgId: number,
  q: CustomerFacetsQuery,
): Promise<CustomerFilter> {
  const headline = headlineKind((await orgConfig(ctx, orgId)).config);
  const levels = HEADLINE_LEVELS[headline];
  if (q.risk_level !== undefined && !levels.includes(q.risk_level))
    throw invalid("risk_level", `must be one of ${levels.join(", ")} (the ${headline} headline's levels)`);
  const drivers = HEADLINE_DRIVERS[headline];
  if (q.driver !== undefined && !drivers.includes(q.driver))
    throw invalid("driver", `must be one of the ${headline} drivers: ${drivers.join(", ")}`);
  if (q.plan_tier !== undefined && !(await isKnownPlanTier(ctx.db, orgId, q.plan_tier))) {
    const tiers = await knownPlanTiers(ctx.db, orgId);
    throw invalid(
      "plan_tier",
      tiers.length
        ? `"${q.plan_tier}" is not a plan tier of this workspace; its tiers are ${tiers.join(", ")}`
        : `"${q.plan_tier}" is not a plan tier of this workspace; it has no plan tiers yet`,
    );
  }
  return filterOf(q, headline);
}

/** One page of the customer list (filtered, sorted, after the query's cursor) and the filtered totals. */
export async function listCustomers(
  ctx: UseCaseContext,
  orgId: number,
  q: CustomerListQuery,
): Promise<{ items: CustomerRow[]; nextCursor: string | null; total: CustomerTotal }> {
  const filter = await customerFilter(ctx, orgId, q);
  const page = await customerPage(ctx.db, orgId, { filter, sort: q.sort, limit: q.limit, cursor: q.cursor });
  const total = await customerTotals(ctx.db, orgId, filter);
  return { ...page, total };
}

/** The whole filtered list in the query's order, a page at a time (for the CSV export). */
export async function* allCustomers(
  ctx: UseCaseContext,
  orgId: number,
  q: CustomerListQuery,
  pageSize = 5_000,
): AsyncGenerator<CustomerRow[]> {
  const filter = await customerFilter(ctx, orgId, q);
  let cursor: string | undefined;
  do {
    const page = await customerPage(ctx.db, orgId, { filter, sort: q.sort, limit: pageSize, cursor });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
