import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fmtDateTime, fmtUsd } from "../../ui/format.ts";
import { playWords } from "../../ui/labels.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { ApprovalDecision } from "./ApprovalDecision.tsx";
import { CustomerCell } from "./CustomerCell.tsx";
import { PlayChip } from "./PlayChip.tsx";
import { APPROVAL_STATUSES, type ApprovalStatus, playsQueries } from "./plays-api.ts";
import { useTacticNames } from "./use-tactic-names.ts";

/** The approvals queue: what waits for a person, for which customer and ARR, until when; approve or reject. */
export function ApprovalsPanel() {
  const [status, setStatus] = useState<ApprovalStatus | "">("pending");
  const { data, error, refetch } = useQuery(playsQueries.approvals(status || undefined));
  const tacticName = useTacticNames();
  return (
    <section className="card" aria-labelledby="approvals-title">
      <div className="card-head">
        <h2 id="approvals-title">Approvals</h2>
        <label className="field-inline">
          Status{" "}
          <select value={status} onChange={(e) => setStatus(e.target.value as ApprovalStatus | "")}>
            <option value="">All</option>
            {APPROVAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {playWords(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">
        Communications and escalations to accounts above the ARR threshold wait here. Approving releases the
        held step (and makes its task or deal); rejecting cancels it. Both need a reason (manager or admin
        key).
      </p>
      {error ? (
        <ErrorNotice error={error} title="Could not load the approvals" onRetry={() => void refetch()} />
      ) : null}
      {!data && !error ? <Loading what="approvals" /> : null}
      {data && data.items.length === 0 ? (
        <Empty>{status ? `No ${playWords(status).toLowerCase()} approvals` : "No approvals yet"}</Empty>
      ) : null}
      {data && data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table" aria-label="Approvals">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Tactic</th>
                <th scope="col">What waits</th>
                <th scope="col" className="num">
                  ARR
                </th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id} data-approval={a.id}>
                  <td>
                    <CustomerCell id={a.customer_id} name={a.account_name} />
                  </td>
                  <td>{tacticName(a.tactic)}</td>
                  <td>
                    {a.what}
                    <span className="muted small block">{a.why}</span>
                  </td>
                  <td className="num">{a.arr === null ? "—" : fmtUsd(a.arr)}</td>
                  <td className="nowrap">{fmtDateTime(a.expires_at)}</td>
                  <td>
                    <PlayChip code={a.status} />
                  </td>
                  <td>
                    {a.status === "pending" ? (
                      <ApprovalDecision approval={a} />
                    ) : (
                      <span className="small">
                        {a.decided_by ? `${a.decided_by}: ` : ""}
                        {a.reason ?? ""}
                        {a.decided_at ? (
                          <span className="muted block">{fmtDateTime(a.decided_at)}</span>
                        ) : null}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
