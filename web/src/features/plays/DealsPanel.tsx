import { useQuery } from "@tanstack/react-query";
import { ExportCsvButton } from "../../ui/ExportCsvButton.tsx";
import { fmtDay, fmtInt, fmtUsd } from "../../ui/format.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { CustomerCell } from "./CustomerCell.tsx";
import { DealStageSelect } from "./DealStageSelect.tsx";
import { playsApi, playsQueries } from "./plays-api.ts";
import { useTacticNames } from "./use-tactic-names.ts";

/** The upsell deal pipeline plays made (seed 000): stage, estimated amount, owner, tactic; CSV export. */
export function DealsPanel() {
  const { data, error, refetch } = useQuery(playsQueries.deals());
  const tacticName = useTacticNames();
  const total = (data?.items ?? []).reduce((a, d) => a + d.estimated_amount, 0);
  return (
    <section className="card" aria-labelledby="deals-title">
      <div className="card-head">
        <h2 id="deals-title">Deals</h2>
        <ExportCsvButton fetchCsv={playsApi.dealsCsv} fileName="deals.csv" />
      </div>
      {error ? (
        <ErrorNotice error={error} title="Could not load the deals" onRetry={() => void refetch()} />
      ) : null}
      {!data && !error ? <Loading what="deals" /> : null}
      {data && data.items.length === 0 ? <Empty>No deals yet</Empty> : null}
      {data && data.items.length > 0 ? (
        <>
          <p className="small" data-total={data.items.length}>
            <strong>
              {fmtInt(data.items.length)} {data.items.length === 1 ? "deal" : "deals"}
            </strong>
            , {fmtUsd(total)} estimated.
          </p>
          <div className="table-scroll">
            <table className="data-table" aria-label="Deals">
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Stage</th>
                  <th scope="col" className="num">
                    Estimated amount
                  </th>
                  <th scope="col">Owner</th>
                  <th scope="col">Tactic</th>
                  <th scope="col">Opened</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <CustomerCell id={d.customer_id} />
                    </td>
                    <td>
                      <DealStageSelect deal={d} />
                    </td>
                    <td className="num">{fmtUsd(d.estimated_amount)}</td>
                    <td>{d.owner ?? <span className="muted">Unassigned</span>}</td>
                    <td>
                      {tacticName(d.tactic)}
                      <span className="muted small block">{d.reason}</span>
                    </td>
                    <td className="nowrap">{fmtDay(d.created_at.slice(0, 10))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
