import { useId } from "react";
import type { LifecycleTransition } from "../../api/types.ts";
import { fmtDay } from "../../ui/format.ts";
import { LevelChip } from "../../ui/LevelChip.tsx";

/** The customer's lifecycle stage changes, newest first. */
export function LifecycleHistory({ items }: { items: readonly LifecycleTransition[] }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Lifecycle history</h2>
      {items.length === 0 ? (
        <p className="muted">No stage changes yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table lifecycle">
            <caption className="visually-hidden">Lifecycle stage changes, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Change</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={`${t.day}-${t.from ?? ""}-${t.to}`}>
                  <th scope="row" className="nowrap">
                    {fmtDay(t.day)}
                  </th>
                  <td className="nowrap">
                    {t.from ? <LevelChip kind="lifecycle_stage" level={t.from} /> : <span>First stage</span>}
                    <span aria-hidden="true"> → </span>
                    <span className="visually-hidden"> to </span>
                    <LevelChip kind="lifecycle_stage" level={t.to} />
                  </td>
                  <td>{t.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
