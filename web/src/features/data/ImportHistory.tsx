import type { ImportRecord } from "../../api/types.ts";
import { fmtDateTime, fmtInt } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";
import { Empty } from "../../ui/Status.tsx";

/** "5,000 customers; 24,997 usage_daily written" from the record's counts, whatever their shape. */
function countsSummary(counts: unknown): string {
  if (typeof counts !== "object" || counts === null) return "—";
  const c = counts as { customers?: unknown; written?: unknown };
  const parts: string[] = [];
  if (typeof c.customers === "number") parts.push(`${fmtInt(c.customers)} customers`);
  if (typeof c.written === "object" && c.written !== null) {
    const total = Object.values(c.written).reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0);
    parts.push(`${fmtInt(total)} rows written`);
  }
  return parts.join("; ") || "—";
}

export function ImportHistory({ items }: { items: readonly ImportRecord[] }) {
  if (items.length === 0) return <Empty>No imports yet</Empty>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Import history, newest first</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Started</th>
            <th scope="col">Source</th>
            <th scope="col">Grain</th>
            <th scope="col">Status</th>
            <th scope="col">Counts</th>
            <th scope="col">Errors</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.id}</th>
              <td>{fmtDateTime(r.started_at)}</td>
              <td className="source">{r.source}</td>
              <td>{r.grain ? words(r.grain) : "—"}</td>
              <td>
                <span className={`tag tag-${r.status}`}>{words(r.status)}</span>
              </td>
              <td>{countsSummary(r.counts)}</td>
              <td>
                {r.error_count === 0 ? (
                  "None"
                ) : (
                  <details>
                    <summary>{fmtInt(r.error_count)}</summary>
                    <ul className="details mono small">
                      {(r.errors ?? []).map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
