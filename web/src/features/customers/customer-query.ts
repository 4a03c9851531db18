/** The At-Risk list's filters and sort, kept in the page's address (`#/at-risk?risk_level=High&sort=arr`) as typed search params. */

import { queryString } from "../../api/http.ts";
import type {
  ChurnRiskTier,
  CustomerSort,
  HealthBand,
  LifecycleStage,
  RiskLevel,
  UpgradeReadiness,
} from "../../api/types.ts";
import { type AtRiskSearch, atRiskSearch, parseSearch, stringifySearch } from "../../search-params.ts";

export interface CustomerFilters {
  plan_tier: string;
  risk_level: RiskLevel | "";
  min_arr: string;
  churned: "" | "true" | "false";
  q: string;
  churn_risk_tier: ChurnRiskTier | "";
  health_band: HealthBand | "";
  lifecycle_stage: LifecycleStage | "";
  upgrade_readiness: UpgradeReadiness | "";
}

export const NO_FILTERS: CustomerFilters = {
  plan_tier: "",
  risk_level: "",
  min_arr: "",
  churned: "",
  q: "",
  churn_risk_tier: "",
  health_band: "",
  lifecycle_stage: "",
  upgrade_readiness: "",
};

export const SORT_KEYS = ["risk_score", "arr", "customer_id", "account_name", "plan_tier"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const DEFAULT_SORT: CustomerSort = "-risk_score";

export interface CustomerQuery {
  filters: CustomerFilters;
  sort: CustomerSort;
}

/** The typed At-Risk search (router) as the form's filters and the sort. */
export function queryFromSearch(s: AtRiskSearch): CustomerQuery {
  return {
    filters: {
      plan_tier: s.plan_tier ?? "",
      risk_level: s.risk_level ?? "",
      min_arr: s.min_arr ?? "",
      churned: s.churned ?? "",
      q: s.q ?? "",
      churn_risk_tier: s.churn_risk_tier ?? "",
      health_band: s.health_band ?? "",
      lifecycle_stage: s.lifecycle_stage ?? "",
      upgrade_readiness: s.upgrade_readiness ?? "",
    },
    sort: s.sort ?? DEFAULT_SORT,
  };
}

/** The At-Risk search for a query (defaults and empty filters left out), open customer and page cursor. */
export function searchFromQuery(q: CustomerQuery, customer?: string, cursor?: string): AtRiskSearch {
  const f = q.filters;
  const or = <T extends string>(v: T | ""): T | undefined => (v === "" ? undefined : v);
  const minArr = f.min_arr.trim();
  return {
    plan_tier: or(f.plan_tier),
    risk_level: or(f.risk_level),
    min_arr: /^\d+(\.\d+)?$/.test(minArr) ? minArr : undefined,
    churned: or(f.churned),
    q: or(f.q.trim()),
    churn_risk_tier: or(f.churn_risk_tier),
    health_band: or(f.health_band),
    lifecycle_stage: or(f.lifecycle_stage),
    upgrade_readiness: or(f.upgrade_readiness),
    sort: q.sort === DEFAULT_SORT ? undefined : q.sort,
    cursor,
    customer,
  };
}

/** The At-Risk list's query string for a query and open customer (a customer page's way back to it). */
export function customerQueryString(q: CustomerQuery, customer?: string): string {
  return stringifySearch(searchFromQuery(q, customer)).replace(/^\?/, "");
}

/** A customer page's `back` string as the At-Risk search (anything invalid dropped). */
export function searchFromBack(back: string | undefined): AtRiskSearch {
  const parsed = atRiskSearch.safeParse(parseSearch(back ?? ""));
  return parsed.success ? parsed.data : {};
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
    churn_risk_tier: q.filters.churn_risk_tier,
    health_band: q.filters.health_band,
    lifecycle_stage: q.filters.lifecycle_stage,
    upgrade_readiness: q.filters.upgrade_readiness,
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
