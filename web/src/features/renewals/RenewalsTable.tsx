import { Link } from "@tanstack/react-router";
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  type SortingState,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { useState } from "react";
import { fmtDay, fmtInt, fmtUsd } from "../../ui/format.ts";
import { RiskChip } from "../../ui/RiskChip.tsx";
import type { RenewalItem } from "../reports/report-api.ts";

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const col = createColumnHelper<typeof features, RenewalItem>();

const KIND_WORDS: Record<RenewalItem["kind"], string> = {
  renewal: "Renewal",
  contract_end: "Contract end",
  trial_end: "Trial end",
};

/** The columns; every one sorts in the browser (the whole window's list is loaded). */
const columns = col.columns([
  col.accessor((r) => r.account_name ?? r.customer_id, {
    id: "customer",
    header: "Customer",
    sortFn: "alphanumeric",
    cell: (c) => (
      <>
        <Link
          to="/customers/$customerId"
          params={{ customerId: c.row.original.customer_id }}
          search={{}}
          onClick={(e) => e.stopPropagation()}
        >
          {c.getValue()}
        </Link>
        <span className="muted small block">{c.row.original.customer_id}</span>
      </>
    ),
  }),
  col.accessor("plan_tier", { header: "Plan", sortFn: "alphanumeric" }),
  col.accessor("renewal_date", {
    header: "Renewal date",
    sortFn: "alphanumeric",
    cell: (c) => (
      <>
        {fmtDay(c.getValue())}
        <span className="muted small block">{KIND_WORDS[c.row.original.kind]}</span>
      </>
    ),
  }),
  col.accessor("days_until", { header: "Days until", sortFn: "basic", cell: (c) => fmtInt(c.getValue()) }),
  col.accessor("arr", { header: "ARR", sortFn: "basic", cell: (c) => fmtUsd(c.getValue()) }),
  col.accessor("auto_renew", {
    header: "Auto-renew",
    sortFn: "basic",
    cell: (c) => (c.getValue() ? "Yes" : "No"),
  }),
  col.accessor((r) => r.owner ?? "", {
    id: "owner",
    header: "Owner",
    sortFn: "alphanumeric",
    cell: (c) => c.getValue() || <span className="muted">Unassigned</span>,
  }),
  col.accessor((r) => r.risk_score ?? -1, {
    id: "risk",
    header: "Risk",
    sortFn: "basic",
    cell: (c) => (
      <>
        <RiskChip level={c.row.original.risk_level} />
        {c.row.original.risk_score === null ? null : (
          <span className="muted small"> {fmtInt(c.row.original.risk_score)}</span>
        )}
      </>
    ),
  }),
]);
const NUMERIC = new Set(["days_until", "arr", "risk"]);

interface Props {
  items: readonly RenewalItem[];
  onOpen: (customerId: string) => void;
  headline: string;
}

/** Subscriptions due in the window: sortable by any column, each row opening its customer. */
export function RenewalsTable({ items, onOpen, headline }: Props) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "renewal_date", desc: false }]);
  const table = useTable({
    features,
    columns,
    data: items as RenewalItem[],
    getRowId: (r) => r.subscription_id,
    state: { sorting },
    onSortingChange: setSorting,
  });

  return (
    <div className="table-scroll">
      <table className="data-table renewals">
        <caption className="visually-hidden">
          Subscriptions due for renewal; risk is the customer's {headline}. Select a column heading to sort, a
          row to open the customer.
        </caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((h) => {
                const dir = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    scope="col"
                    className={NUMERIC.has(h.column.id) ? "num" : undefined}
                    aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={h.column.getToggleSortingHandler()}
                    >
                      <table.FlexRender header={h} />
                      <span className="sort-mark" aria-hidden="true">
                        {dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              tabIndex={0}
              data-subscription={row.original.subscription_id}
              onClick={() => onOpen(row.original.customer_id)}
              onKeyDown={(e) => {
                if (e.target !== e.currentTarget) return;
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  onOpen(row.original.customer_id);
                }
              }}
            >
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className={NUMERIC.has(cell.column.id) ? "num" : undefined}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
