/** The At-Risk list's filters and sort, kept in the page's address (`#/at-risk?book=live&risk_level=high`) as typed search params. */

import { queryString } from "../../api/http.ts";
import type { CustomerSort } from "../../api/types.ts";
import { type AtRiskSearch, atRiskSearch, parseSearch, stringifySearch } from "../../search-params.ts";

export const BOOK_VALUES = ["live", "churned", "all"] as const;
export type Book = (typeof BOOK_VALUES)[number];
export const DEFAULT_BOOK: Book = "live";

/** The select filters, in the form's order; their options come from GET /v1/customers/facets. */
export const SELECT_FILTERS = [
  "status",
  "plan_tier",
  "risk_level",
  "driver",
  "churn_risk_tier",
  "health_band",
  "lifecycle_stage",
  "upgrade_readiness",
  "usage_limits",
  "usage_trend",
] as const;
export type SelectFilter = (typeof SELECT_FILTERS)[number];

export type CustomerFilters = { book: Book; min_arr: string; q: string } & Record<SelectFilter, string>;

export const NO_FILTERS: CustomerFilters = {
  book: DEFAULT_BOOK,
  min_arr: "",
  q: "",
  ...(Object.fromEntries(SELECT_FILTERS.map((k) => [k, ""])) as Record<SelectFilter, string>),
};

export const SORT_KEYS = ["risk_score", "arr", "customer_id", "account_name", "plan_tier"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const DEFAULT_SORT: CustomerSort = "-risk_score";

export interface CustomerQuery {
  filters: CustomerFilters;
  sort: CustomerSort;
}

/** The book of an address: `book`, else the old `churned=true|false` links, else live. */
function bookOf(s: AtRiskSearch): Book {
  if (s.book) return s.book;
  if (s.churned === "true") return "churned";
  return DEFAULT_BOOK;
}

/** The typed At-Risk search (router) as the form's filters and the sort. */
export function queryFromSearch(s: AtRiskSearch): CustomerQuery {
  const selects = Object.fromEntries(SELECT_FILTERS.map((k) => [k, s[k] ?? ""])) as Record<
    SelectFilter,
    string
  >;
  return {
    filters: { ...selects, book: bookOf(s), min_arr: s.min_arr ?? "", q: s.q ?? "" },
    sort: s.sort ?? DEFAULT_SORT,
  };
}

const MIN_ARR = /^\d+(\.\d+)?$/;

/** Why a minimum ARR typed in the form is refused (null when it is fine or empty). */
export function minArrProblem(value: string): string | null {
  const v = value.trim();
  if (v === "" || MIN_ARR.test(v)) return null;
  if (/^-/.test(v)) return "Minimum ARR cannot be negative";
  return "Minimum ARR must be a number of dollars, 0 or more";
}

/** The At-Risk search for a query (defaults and empty filters left out), open customer and page cursor. */
export function searchFromQuery(q: CustomerQuery, customer?: string, cursor?: string): AtRiskSearch {
  const f = q.filters;
  const minArr = f.min_arr.trim();
  const search: Record<string, string | undefined> = {
    book: f.book === DEFAULT_BOOK ? undefined : f.book,
    min_arr: MIN_ARR.test(minArr) ? minArr : undefined,
    q: f.q.trim() || undefined,
    sort: q.sort === DEFAULT_SORT ? undefined : q.sort,
    cursor,
    customer,
  };
  for (const k of SELECT_FILTERS) search[k] = f[k] || undefined;
  return atRiskSearch.parse(search);
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

/** The API query string of the filters alone (the facets endpoint takes the same). */
export function apiFilterParams(f: CustomerFilters): Record<string, string | number | undefined> {
  const minArr = f.min_arr.trim();
  const params: Record<string, string | number | undefined> = {
    book: f.book,
    min_arr: MIN_ARR.test(minArr) ? Number(minArr) : undefined,
    q: f.q.trim().slice(0, 200),
  };
  for (const k of SELECT_FILTERS) params[k] = f[k];
  return params;
}

/** The API query string for a query, page cursor and format. */
export function apiCustomerQuery(q: CustomerQuery, extra: { cursor?: string; format?: "csv" } = {}): string {
  return queryString({
    ...apiFilterParams(q.filters),
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
