import { useCallback, useMemo, useState } from "react";
import type { CustomerList, CustomerSort } from "../api-types.ts";
import { CustomerBriefPanel } from "../components/CustomerBriefPanel.tsx";
import { CustomerFiltersForm } from "../components/CustomerFiltersForm.tsx";
import { CustomerTable } from "../components/CustomerTable.tsx";
import { ExportCsvButton } from "../components/ExportCsvButton.tsx";
import { Empty, ErrorNotice, Loading } from "../components/Status.tsx";
import {
  apiCustomerQuery,
  type CustomerFilters,
  type CustomerQuery,
  customerQueryParams,
  customerQueryString,
  parseCustomerQuery,
} from "../customer-query.ts";
import { customerHref, hrefFor, navigate } from "../router.ts";
import { useApi } from "../useApi.ts";

interface Paging {
  key: string;
  before: (string | undefined)[];
  cursor: string | undefined;
}

/** The at-risk list (filters and sort in the address, pages by cursor) and the open customer's brief. */
export function AtRiskPage({ params }: { params: URLSearchParams }) {
  const query = useMemo(() => parseCustomerQuery(params), [params]);
  const selected = params.get("customer") ?? undefined;
  const listKey = apiCustomerQuery(query);

  // The page's cursor and the cursors of the pages before it (for "Previous page"); reset when the list changes.
  const [paging, setPaging] = useState<Paging>({ key: listKey, before: [], cursor: undefined });
  const page: Paging = paging.key === listKey ? paging : { key: listKey, before: [], cursor: undefined };
  const current = page.cursor;

  const { data, error, loading } = useApi<CustomerList>(
    `/v1/customers${apiCustomerQuery(query, current ? { cursor: current } : {})}`,
  );

  const go = useCallback(
    (q: CustomerQuery, customer: string | undefined, replace = true) =>
      navigate(hrefFor("at-risk", customerQueryParams(q, customer)), { replace }),
    [],
  );
  const onFilters = useCallback(
    (filters: CustomerFilters) => go({ ...query, filters }, selected),
    [go, query, selected],
  );
  const onSort = (sort: CustomerSort) => go({ ...query, sort }, selected);
  const open = (id: string | undefined) => go(query, id, false);

  const nextPage = () => {
    if (data?.next_cursor)
      setPaging({ key: listKey, before: [...page.before, current], cursor: data.next_cursor });
  };
  const previousPage = () => {
    if (page.before.length > 0)
      setPaging({ key: listKey, before: page.before.slice(0, -1), cursor: page.before.at(-1) });
  };

  return (
    <section aria-labelledby="at-risk-title" className={selected ? "with-brief" : undefined}>
      <div className="page-head">
        <h1 id="at-risk-title">At-Risk customers</h1>
        <ExportCsvButton path={`/v1/customers${apiCustomerQuery(query, { format: "csv" })}`} />
      </div>
      <CustomerFiltersForm filters={query.filters} onChange={onFilters} />
      <div className="split">
        <div className="list-pane">
          {error ? <ErrorNotice error={error} /> : null}
          {loading && !data ? <Loading what="customers" /> : null}
          {data && data.items.length === 0 ? <Empty>No customers match these filters</Empty> : null}
          {data && data.items.length > 0 ? (
            <div className={loading ? "stale" : undefined} aria-busy={loading}>
              <CustomerTable
                items={data.items}
                sort={query.sort}
                onSort={onSort}
                selected={selected}
                onOpen={open}
                pageHref={(id) => customerHref(id, customerQueryString(query, id))}
              />
            </div>
          ) : null}
          <nav className="pager" aria-label="Pages of customers">
            <button
              type="button"
              className="secondary"
              onClick={previousPage}
              disabled={page.before.length === 0 || loading}
            >
              Previous page
            </button>
            <span className="muted" aria-live="polite">
              {loading && data ? "Loading…" : `Page ${page.before.length + 1}`}
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
            pageHref={customerHref(selected, customerQueryString(query, selected))}
          />
        ) : null}
      </div>
    </section>
  );
}
