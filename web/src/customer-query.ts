/** The At-Risk list's filters and sort, kept in the page's address (`#/at-risk?risk_level=High&sort=arr`). */

import { queryString } from "./api.ts";
import type { CustomerSort, RiskLevel } from "./api-types.ts";
import { RISK_LEVELS } from "./api-types.ts";

export interface CustomerFilters {
  plan_tier: string;
  risk_level: RiskLevel | "";
  min_arr: string;
  churned: "" | "true" | "false";
  q: string;
}

export const SORT_KEYS = ["risk_score", "arr", "customer_id", "account_name", "plan_tier"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const DEFAULT_SORT: CustomerSort = "-risk_score";

export interface CustomerQuery {
  filters: CustomerFilters;
  sort: CustomerSort;
}

function isSort(s: string | null): s is CustomerSort {
  return s !== null && SORT_KEYS.includes(s.replace(/^-/, "") as SortKey);
}

export function parseCustomerQuery(p: URLSearchParams): CustomerQuery {
  const level = p.get("risk_level") ?? "";
  const churned = p.get("churned") ?? "";
  const sort = p.get("sort");
  return {
    filters: {
      plan_tier: p.get("plan_tier") ?? "",
      risk_level: (RISK_LEVELS as readonly string[]).includes(level) ? (level as RiskLevel) : "",
      min_arr: p.get("min_arr") ?? "",
      churned: churned === "true" || churned === "false" ? churned : "",
      q: p.get("q") ?? "",
    },
    sort: isSort(sort) ? sort : DEFAULT_SORT,
  };
}

/** The hash parameters for a query (defaults left out), plus the open customer if any. */
export function customerQueryParams(q: CustomerQuery, customer?: string): Record<string, string | undefined> {
  return {
    ...q.filters,
    q: q.filters.q.trim(),
    sort: q.sort === DEFAULT_SORT ? undefined : q.sort,
    customer,
  };
}

/** The API query string for a query, page cursor and format. */
export function apiCustomerQuery(q: CustomerQuery, extra: { cursor?: string; format?: "csv" } = {}): string {
  const minArr = q.filters.min_arr.trim();
  return queryString({
    plan_tier: q.filters.plan_tier,
    risk_level: q.filters.risk_level,
    min_arr: minArr !== "" && Number(minArr) >= 0 ? Number(minArr) : undefined,
    churned: q.filters.churned,
    q: q.filters.q.trim().slice(0, 200),
    sort: q.sort,
    limit: extra.format ? undefined : 50,
    cursor: extra.cursor,
    format: extra.format,
  });
}

/** Clicking a column: the other direction if it is the current sort, else its natural first direction. */
export function nextSort(current: CustomerSort, key: SortKey): CustomerSort {
  if (current === key) return `-${key}` as CustomerSort;
  if (current === `-${key}`) return key;
  return key === "risk_score" || key === "arr" ? (`-${key}` as CustomerSort) : key;
}
