import type { CustomerListItem, CustomerSort } from "../api-types.ts";
import { nextSort, type SortKey } from "../customer-query.ts";
import { fmtInt, fmtUsd } from "../format.ts";
import { RiskChip } from "./RiskChip.tsx";

interface Props {
  items: readonly CustomerListItem[];
  sort: CustomerSort;
  onSort: (sort: CustomerSort) => void;
  selected: string | undefined;
  onOpen: (customerId: string) => void;
  /** The address of a customer's own page (linked from its id). */
  pageHref: (customerId: string) => string;
}

const COLUMNS: { key: SortKey | null; label: string; numeric?: boolean }[] = [
  { key: "customer_id", label: "Customer" },
  { key: "account_name", label: "Account" },
  { key: "plan_tier", label: "Plan tier" },
  { key: "arr", label: "ARR", numeric: true },
  { key: "risk_score", label: "Risk score", numeric: true },
  { key: null, label: "Risk level" },
  { key: null, label: "Churned" },
  { key: null, label: "Top reasons" },
];

function ariaSort(sort: CustomerSort, key: SortKey): "ascending" | "descending" | undefined {
  if (sort === key) return "ascending";
  if (sort === `-${key}`) return "descending";
  return undefined;
}

/** The customer list; a row opens the customer's brief on click or Enter, its id links to the customer page. */
export function CustomerTable({ items, sort, onSort, selected, onOpen, pageHref }: Props) {
  return (
    <div className="table-scroll">
      <table className="data-table customers">
        <caption className="visually-hidden">
          Customers, sorted by {sort.replace(/^-/, "").replace("_", " ")}{" "}
          {sort.startsWith("-") ? "descending" : "ascending"}. Select a row to open the customer brief, or a
          customer id to open its page.
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const dir = c.key ? ariaSort(sort, c.key) : undefined;
              return (
                <th key={c.label} scope="col" className={c.numeric ? "num" : undefined} aria-sort={dir}>
                  {c.key ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => c.key && onSort(nextSort(sort, c.key))}
                    >
                      {c.label}
                      <span className="sort-mark" aria-hidden="true">
                        {dir === "ascending" ? "▲" : dir === "descending" ? "▼" : "↕"}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr
              key={c.customer_id}
              tabIndex={0}
              className={c.customer_id === selected ? "row-selected" : undefined}
              aria-current={c.customer_id === selected ? "true" : undefined}
              onClick={() => onOpen(c.customer_id)}
              onKeyDown={(e) => {
                if (e.target !== e.currentTarget) return; // the id link handles its own keys
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  onOpen(c.customer_id);
                }
              }}
            >
              <th scope="row" className="mono">
                <a
                  href={pageHref(c.customer_id)}
                  title={`Open the customer page of ${c.customer_id}`}
                  onClick={(e) => e.stopPropagation()}
                >
                  {c.customer_id}
                </a>
              </th>
              <td>
                {c.account_name ?? "—"}
                <span className="muted small block">{c.account_id}</span>
              </td>
              <td>{c.plan_tier ?? "—"}</td>
              <td className="num">{fmtUsd(c.arr)}</td>
              <td className="num">{c.risk_score === null ? "—" : fmtInt(c.risk_score)}</td>
              <td>
                <RiskChip level={c.risk_level} />
              </td>
              <td>{c.churned ? "Yes" : "No"}</td>
              <td className="reasons">
                {c.top_reasons.length ? (
                  <ul>
                    {c.top_reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
