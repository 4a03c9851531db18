import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useCallback, useMemo, useState } from "react";
import { api } from "../../api/client.ts";
import { ApiError } from "../../api/http.ts";
import { queries } from "../../api/queries.ts";
import type { CustomerSort } from "../../api/types.ts";
import { ExportCsvButton } from "../../ui/ExportCsvButton.tsx";
import { fmtInt, fmtUsd } from "../../ui/format.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { CustomerBriefPanel } from "./CustomerBriefPanel.tsx";
import { CustomerFiltersForm } from "./CustomerFiltersForm.tsx";
import { CustomerTable } from "./CustomerTable.tsx";
import {
  apiCustomerQuery,
  apiFilterParams,
  type CustomerFilters,
  type CustomerQuery,
  customerQueryString,
  queryFromSearch,
  SELECT_FILTERS,
  searchFromQuery,
} from "./customer-query.ts";
import { customerQueries } from "./customers-api.ts";
import "./customers.css";

const FIELDS = [...SELECT_FILTERS, "book", "min_arr", "q"] as const;

/** A 400's message beside each field it names (the API names the field in its message or details). */
function fieldErrorsOf(error: unknown): Partial<Record<string, string>> {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const lines = [error.message, ...error.details];
  const out: Partial<Record<string, string>> = {};
  for (const f of FIELDS) {
    const line = lines.find((l) => new RegExp(`\\b${f}\\b`).test(l));
    if (line) out[f] = line;
  }
  return out;
}

const route = getRouteApi("/at-risk");

/**
 * The at-risk list (filters, sort and page cursor in the address as typed search params) and the open
 * customer's brief. The cursors of the pages before this one are remembered for "Previous page".
 */
export function AtRiskPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const query = useMemo(() => queryFromSearch(search), [search]);
  const selected = search.customer;
  const cursor = search.cursor;
  const listKey = apiCustomerQuery(query);

  // The cursors of the pages before this one, for this list (forgotten when the filters change).
  const [history, setHistory] = useState<{ key: string; before: (string | undefined)[] }>({
    key: listKey,
    before: [],
  });
  const before = history.key === listKey ? history.before : [];

  const {
    data,
    error,
    isFetching: loading,
    isPending,
    refetch,
  } = useQuery({
    ...queries.customerList(apiCustomerQuery(query, cursor ? { cursor } : {})),
    placeholderData: keepPreviousData,
  });

  const facets = useQuery({
    ...customerQueries.facets(apiFilterParams(query.filters)),
    placeholderData: keepPreviousData,
  });
  const fieldErrors = fieldErrorsOf(error ?? facets.error);

  const go = useCallback(
    (q: CustomerQuery, customer: string | undefined, opts: { cursor?: string; replace?: boolean } = {}) =>
      void navigate({
        to: "/at-risk",
        search: searchFromQuery(q, customer, opts.cursor),
        replace: opts.replace ?? true,
      }),
    [navigate],
  );
  const onFilters = useCallback(
    (filters: CustomerFilters) => go({ ...query, filters }, selected),
    [go, query, selected],
  );
  const onSort = (sort: CustomerSort) => go({ ...query, sort }, selected);
  const open = (id: string | undefined) => go(query, id, { cursor, replace: false });

  const nextPage = () => {
    if (!data?.next_cursor) return;
    setHistory({ key: listKey, before: [...before, cursor] });
    go(query, selected, { cursor: data.next_cursor });
  };
  const previousPage = () => {
    setHistory({ key: listKey, before: before.slice(0, -1) });
    go(query, selected, { cursor: before.at(-1) });
  };
  const pageNumber = cursor && before.length === 0 ? null : before.length + 1;

  return (
    <section aria-labelledby="at-risk-title" className={selected ? "with-brief" : undefined}>
      <div className="page-head">
        <h1 id="at-risk-title">At-Risk customers</h1>
        <ExportCsvButton
          fetchCsv={() => api.exportCustomersCsv(apiCustomerQuery(query, { format: "csv" }))}
          fileName="at-risk.csv"
        />
      </div>
      <CustomerFiltersForm
        filters={query.filters}
        onChange={onFilters}
        facets={facets.data}
        fieldErrors={fieldErrors}
      />
      <p className="list-total" aria-live="polite">
        {data ? (
          <>
            <strong>{fmtInt(data.total.customers)}</strong>{" "}
            {data.total.customers === 1 ? "customer matches" : "customers match"}, ARR{" "}
            <strong>{fmtUsd(data.total.arr)}</strong>
          </>
        ) : (
          "\u00a0"
        )}
      </p>
      <div className="split">
        <div className="list-pane">
          {error ? (
            <ErrorNotice
              error={error}
              title="Could not load the customer list"
              onRetry={() => void refetch()}
            />
          ) : null}
          {isPending && !error ? <Loading what="customers" /> : null}
          {data && data.items.length === 0 ? <Empty>No customers match these filters</Empty> : null}
          {data && data.items.length > 0 ? (
            <div className={loading ? "stale" : undefined} aria-busy={loading}>
              <CustomerTable
                items={data.items}
                sort={query.sort}
                onSort={onSort}
                selected={selected}
                onOpen={open}
                back={(id) => customerQueryString(query, id)}
              />
            </div>
          ) : null}
          <nav className="pager" aria-label="Pages of customers">
            <button type="button" className="secondary" onClick={previousPage} disabled={!cursor || loading}>
              Previous page
            </button>
            <span className="muted" aria-live="polite">
              {loading && data
                ? "Loading…"
                : pageNumber
                  ? `Page ${pageNumber} of ${fmtInt(Math.max(1, Math.ceil((data?.total.customers ?? 0) / 50)))}`
                  : "A later page"}
            </span>
            <button
              type="button"
              className="secondary"
              onClick={nextPage}
              disabled={!data?.next_cursor || loading}
            >
              Next page
            </button>
          </nav>
        </div>
        {selected ? (
          <CustomerBriefPanel
            customerId={selected}
            onClose={() => open(undefined)}
            back={customerQueryString(query, selected)}
          />
        ) : null}
      </div>
    </section>
  );
}
