/**
 * Addresses of the drill-downs: a figure opens the At-Risk list filtered to exactly the customers it
 * counts (the live book unless said otherwise), a renewal bucket opens the Renewals view.
 */
import { stringifySearch } from "../../search-params.ts";

export interface ListFilter {
  book?: "live" | "churned" | "all";
  risk_level?: string;
  driver?: string;
  plan_tier?: string;
}

/** `#/at-risk?book=live&...`: the list's own search params, so its total counts the same customers. */
export function atRiskHref(filter: ListFilter): string {
  return `#/at-risk${stringifySearch({ book: "live", ...filter })}`;
}

export function renewalsHref(within: number): string {
  return `#/renewals?within=${within}`;
}
