import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { fmtDateTime, fmtInt } from "../../ui/format.ts";
import { playWords, stepWords } from "../../ui/labels.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { CustomerOffers } from "./CustomerOffers.tsx";
import { DecisionsTable } from "./DecisionsTable.tsx";
import { PlayChip } from "./PlayChip.tsx";
import { playsQueries } from "./plays-api.ts";

const RECENT = 10;

/** One customer's plays on its page: runs (with their steps), offers, and the latest decisions. */
export function CustomerPlays({ customerId }: { customerId: string }) {
  const runs = useQuery(playsQueries.runs(customerId));
  const decisions = useQuery(playsQueries.decisions({ customer: customerId, limit: RECENT }));
  return (
    <section className="card customer-plays" aria-labelledby="customer-plays-title">
      <div className="card-head">
        <h2 id="customer-plays-title">Plays</h2>
        <Link to="/plays" search={{ tab: "decisions", customer: customerId }} className="small">
          Every decision for this customer
        </Link>
      </div>
      <h3>Runs</h3>
      {runs.error ? (
        <ErrorNotice error={runs.error} title="Could not load the runs" onRetry={() => void runs.refetch()} />
      ) : null}
      {runs.isPending && !runs.error ? <Loading what="runs" /> : null}
      {runs.data && runs.data.items.length === 0 ? <Empty>No play has run for this customer</Empty> : null}
      {runs.data && runs.data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table compact" aria-label="Play runs, newest first">
            <thead>
              <tr>
                <th scope="col">Tactic</th>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col">Steps sent</th>
                <th scope="col">Next</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.items.map((r) => (
                <tr key={`${r.tactic}:${r.run_id}`} data-run={r.run_id}>
                  <td>{r.tactic_name}</td>
                  <td className="nowrap">{fmtDateTime(r.started_at)}</td>
                  <td>
                    <PlayChip code={r.status} />
                    {r.exit_cause ? (
                      <span className="small block">
                        {playWords(r.exit_cause)}
                        {r.ended_at ? ` · ${fmtDateTime(r.ended_at)}` : ""}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {r.steps_sent.length > 0 ? r.steps_sent.map(stepWords).join(", ") : "None yet"}
                    {r.steps_skipped.length > 0 ? (
                      <span className="muted small block">
                        Skipped: {r.steps_skipped.map(stepWords).join(", ")}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {r.next_step ? stepWords(r.next_step) : r.status === "active" ? "No step left" : "—"}
                    {r.next_due_at && r.status === "active" ? (
                      <span className="muted small block">
                        {r.next_step ? "due" : "checked again"} {fmtDateTime(r.next_due_at)}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <CustomerOffers customerId={customerId} />
      <h3>Latest decisions</h3>
      {decisions.error ? (
        <ErrorNotice
          error={decisions.error}
          title="Could not load the decisions"
          onRetry={() => void decisions.refetch()}
        />
      ) : null}
      {decisions.isPending && !decisions.error ? <Loading what="decisions" /> : null}
      {decisions.data && decisions.data.items.length === 0 ? <Empty>No decisions yet</Empty> : null}
      {decisions.data && decisions.data.items.length > 0 ? (
        <>
          <DecisionsTable items={decisions.data.items} showCustomer={false} />
          {decisions.data.next_cursor ? (
            <p className="muted small">The latest {fmtInt(RECENT)} are shown.</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
