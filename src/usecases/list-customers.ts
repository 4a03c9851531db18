import type { CustomerListQuery } from "../contracts/customers.ts";
import { type CustomerFilter, type CustomerRow, listCustomers as customerPage } from "../store/customers.ts";
import type { UseCaseContext } from "./context.ts";

export type { CustomerRow } from "../store/customers.ts";

/** The at-risk list query (GET /v1/customers) as a store filter. */
function filterOf(q: CustomerListQuery): CustomerFilter {
  return {
    planTier: q.plan_tier,
    riskLevel: q.risk_level,
    minArr: q.min_arr,
    churned: q.churned === undefined ? undefined : q.churned === "true",
    q: q.q,
    levels: Object.fromEntries(
      (
        [
          ["churn_risk", q.churn_risk_tier],
          ["health", q.health_band],
          ["lifecycle_stage", q.lifecycle_stage],
          ["upgrade_readiness", q.upgrade_readiness],
          ["usage_limits", q.usage_limits],
          ["usage_trend", q.usage_trend],
        ] as const
      ).filter(([, v]) => v !== undefined),
    ) as Record<string, string>,
  };
}

/** One page of the at-risk list: filtered, sorted, after the query's cursor. */
export async function listCustomers(
  ctx: UseCaseContext,
  orgId: number,
  q: CustomerListQuery,
): Promise<{ items: CustomerRow[]; nextCursor: string | null }> {
  return customerPage(ctx.db, orgId, {
    filter: filterOf(q),
    sort: q.sort,
    limit: q.limit,
    cursor: q.cursor,
  });
}

/** The whole filtered list in the query's order, a page at a time (for the CSV export). */
export async function* allCustomers(
  ctx: UseCaseContext,
  orgId: number,
  q: CustomerListQuery,
  pageSize = 5_000,
): AsyncGenerator<CustomerRow[]> {
  const filter = filterOf(q);
  let cursor: string | undefined;
  do {
    const page = await customerPage(ctx.db, orgId, { filter, sort: q.sort, limit: pageSize, cursor });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
