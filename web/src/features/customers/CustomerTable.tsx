import { Link } from "@tanstack/react-router";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { CustomerListItem, CustomerSort } from "../../api/types.ts";
import { fmtDay, fmtInt, fmtUsd } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";
import { RiskChip } from "../../ui/RiskChip.tsx";
import { nextSort, type SortKey } from "./customer-query.ts";

interface Props {
  items: CustomerListItem[];
  sort: CustomerSort;
  onSort: (sort: CustomerSort) => void;
  selected: string | undefined;
  onOpen: (customerId: string) => void;
  /** The At-Risk query to come back to from a customer's own page (linked from its id). */
  back: (customerId: string) => string;
}

const features = tableFeatures({});
const col = createColumnHelper<typeof features, CustomerListItem>();

/** The columns (TanStack Table); sorting is the server's (the list is paged by cursor). */
const columns = col.columns([
  col.accessor("customer_id", { header: "Customer" }),
  col.accessor("account_name", {
    header: "Account",
    cell: (c) => (
      <>
        {c.getValue() ?? "—"}
        <span className="muted small block">{c.row.original.account_id}</span>
      </>
    ),
  }),
  col.accessor("plan_tier", { header: "Plan tier", cell: (c) => c.getValue() ?? "—" }),
  col.accessor("arr", { header: "ARR", cell: (c) => fmtUsd(c.getValue()) }),
  col.accessor("risk_score", {
    header: "Churn risk",
    cell: (c) => {
      const v = c.getValue();
      return v === null ? "—" : fmtInt(v);
    },
  }),
  col.accessor("risk_level", {
    header: "Risk tier",
    cell: (c) =>
      c.getValue() === null && c.row.original.status === "churned" ? (
        <span className="muted">None (churned)</span>
      ) : (
        <RiskChip level={c.getValue()} />
      ),
  }),
  col.accessor("status", {
    header: "Status",
    cell: (c) => {
      const status = c.getValue();
      const churnDate = c.row.original.churn_date;
      return (
        <span className="nowrap">
          {status ? words(status) : "Not yet known"}
          {status === "churned" && churnDate ? (
            <span className="muted small block">on {fmtDay(churnDate)}</span>
          ) : null}
        </span>
      );
    },
  }),
  col.accessor("top_reasons", {
    header: "Top reasons",
    cell: (c) =>
      c.getValue().length ? (
        <ul>
          {c.getValue().map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <span className="muted">None</span>
      ),
  }),
]);

/** Columns the server sorts by, and the numeric ones (right-aligned). */
const SORTABLE: Partial<Record<string, SortKey>> = {
  customer_id: "customer_id",
  account_name: "account_name",
  plan_tier: "plan_tier",
  arr: "arr",
  risk_score: "risk_score",
};
const NUMERIC = new Set(["arr", "risk_score"]);
const CELL_CLASS: Partial<Record<string, string>> = {
  arr: "num",
  risk_score: "num",
  status: "status",
  top_reasons: "reasons",
};

function ariaSort(sort: CustomerSort, key: SortKey): "ascending" | "descending" | undefined {
  if (sort === key) return "ascending";
  if (sort === `-${key}`) return "descending";
  return undefined;
}

/** The customer list; a row opens the customer's brief on click or Enter, its id links to the customer page. */
export function CustomerTable({ items, sort, onSort, selected, onOpen, back }: Props) {
  const table = useTable({ features, columns, data: items, getRowId: (c) => c.customer_id });

  return (
    <div className="table-scroll">
      <table className="data-table customers">
        <caption className="visually-hidden">
          Customers, sorted by {sort.replace(/^-/, "").replace("_", " ")}{" "}
          {sort.startsWith("-") ? "descending" : "ascending"}. Select a row to open the customer brief, or a
          customer id to open its page.
        </caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((h) => {
                const key = SORTABLE[h.column.id];
                const dir = key ? ariaSort(sort, key) : undefined;
                const label = <table.FlexRender header={h} />;
                return (
                  <th
                    key={h.id}
                    scope="col"
                    className={NUMERIC.has(h.column.id) ? "num" : undefined}
                    aria-sort={dir}
                  >
                    {key ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => onSort(nextSort(sort, key))}
                      >
                        {label}
                        <span className="sort-mark" aria-hidden="true">
                          {dir === "ascending" ? "▲" : dir === "descending" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => {
            const id = row.original.customer_id;
            return (
              <tr
                key={row.id}
                tabIndex={0}
                className={id === selected ? "row-selected" : undefined}
                aria-current={id === selected ? "true" : undefined}
                onClick={() => onOpen(id)}
                onKeyDown={(e) => {
                  if (e.target !== e.currentTarget) return; // the id link handles its own keys
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    onOpen(id);
                  }
                }}
              >
                {row.getAllCells().map((cell) =>
                  cell.column.id === "customer_id" ? (
                    <th key={cell.id} scope="row" className="mono">
                      <Link
                        to="/customers/$customerId"
                        params={{ customerId: id }}
                        search={{ back: back(id) }}
                        title={`Open the customer page of ${id}`}
                        onClick={(e) => e.stopPropagation()}
                      >
                        {id}
                      </Link>
                    </th>
                  ) : (
                    <td key={cell.id} className={CELL_CLASS[cell.column.id]}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
