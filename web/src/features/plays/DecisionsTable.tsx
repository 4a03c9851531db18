import { fmtDateTime } from "../../ui/format.ts";
import { playWords, stepWords } from "../../ui/labels.ts";
import { CustomerCell } from "./CustomerCell.tsx";
import { PlayChip } from "./PlayChip.tsx";
import type { Decision } from "./plays-api.ts";
import { useTacticNames } from "./use-tactic-names.ts";

/** When a suppressed or deferred play may fire again, in words. */
function again(d: Decision): string {
  if (d.outcome === "fire") return "—";
  if (d.next_eligible_at) return fmtDateTime(d.next_eligible_at);
  return "Waiting does not help";
}

/** Decisions newest first: when, customer, tactic and step, outcome, the rule and its reason, next chance. */
export function DecisionsTable({
  items,
  showCustomer = true,
}: {
  items: readonly Decision[];
  showCustomer?: boolean;
}) {
  const tacticName = useTacticNames();
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Decisions, newest first">
        <thead>
          <tr>
            <th scope="col">When</th>
            {showCustomer ? <th scope="col">Customer</th> : null}
            <th scope="col">Tactic</th>
            <th scope="col">Outcome</th>
            <th scope="col">Rule and reason</th>
            <th scope="col">May fire again</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id} data-outcome={d.outcome}>
              <td className="nowrap">{fmtDateTime(d.as_of)}</td>
              {showCustomer ? (
                <td>
                  <CustomerCell id={d.customer_id} />
                </td>
              ) : null}
              <td>
                {tacticName(d.tactic)}
                <span className="muted small block">
                  {d.kind === "start" ? "Start" : `Step ${stepWords(d.step_id ?? "")}`}
                  {d.approval ? " · waits for approval" : ""}
                </span>
              </td>
              <td>
                <PlayChip code={d.outcome} />
              </td>
              <td>
                {d.rule ? <strong>{playWords(d.rule)}: </strong> : null}
                {d.reason}
              </td>
              <td className="nowrap">{again(d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
