/** The At-Risk list's filters and sort, kept in the page's address (`#/at-risk?risk_level=High&sort=arr`). */

import { queryString } from "./api.ts";
import type {
  ChurnRiskTier,
  CustomerSort,
  HealthBand,
  LifecycleStage,
  RiskLevel,
  UpgradeReadiness,
} from "./api-types.ts";
import {
  CHURN_RISK_TIERS,
  HEALTH_BANDS,
  LIFECYCLE_STAGES,
  RISK_LEVELS,
  UPGRADE_READINESS,
} from "./api-types.ts";

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

function isSort(s: string | null): s is CustomerSort {
  return s !== null && SORT_KEYS.includes(s.replace(/^-/, "") as SortKey);
}

/** The parameter's value when it is one of `values`, else "" (no filter). */
function oneOf<T extends string>(p: URLSearchParams, name: string, values: readonly T[]): T | "" {
  const v = p.get(name) ?? "";
  return (values as readonly string[]).includes(v) ? (v as T) : "";
}

export function parseCustomerQuery(p: URLSearchParams): CustomerQuery {
  const churned = p.get("churned") ?? "";
  const sort = p.get("sort");
  return {
    filters: {
      plan_tier: p.get("plan_tier") ?? "",
      risk_level: oneOf(p, "risk_level", RISK_LEVELS),
      min_arr: p.get("min_arr") ?? "",
      churned: churned === "true" || churned === "false" ? churned : "",
      q: p.get("q") ?? "",
      churn_risk_tier: oneOf(p, "churn_risk_tier", CHURN_RISK_TIERS),
      health_band: oneOf(p, "health_band", HEALTH_BANDS),
      lifecycle_stage: oneOf(p, "lifecycle_stage", LIFECYCLE_STAGES),
      upgrade_readiness: oneOf(p, "upgrade_readiness", UPGRADE_READINESS),
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

/** The At-Risk list's hash query for a query and open customer (to come back to it from a customer page). */
export function customerQueryString(q: CustomerQuery, customer?: string): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(customerQueryParams(q, customer))) if (v) out.set(k, v);
  return out.toString();
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
