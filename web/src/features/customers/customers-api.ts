/**
 * The customer screens' own endpoints (facets, timeline), typed from the zod contracts (types only),
 * with their query options under the customers key (so a write that invalidates customers refreshes them).
 */
import { queryOptions } from "@tanstack/react-query";
import { apiJson, queryString } from "../../api/http.ts";
import { keys } from "../../api/queries.ts";
import type { CustomerFacets, TimelinePage } from "./customer-types.ts";

export const TIMELINE_PAGE = 25;

const customerPath = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;

export const customerQueries = {
  /** Every filter's options with counts, for the same filters as the list. */
  facets: (params: Record<string, string | number | undefined>) =>
    queryOptions({
      queryKey: [...keys.customers, "facets", params],
      queryFn: ({ signal }) =>
        apiJson<CustomerFacets>(`/v1/customers/facets${queryString(params)}`, { signal }),
    }),
  /** One page of a customer's timeline, newest first (`cursor`: the previous page's `next`). */
  timelinePage: (id: string, cursor: string | undefined) =>
    apiJson<TimelinePage>(`${customerPath(id)}/timeline${queryString({ limit: TIMELINE_PAGE, cursor })}`),
};
