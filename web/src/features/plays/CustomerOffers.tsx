import { useQuery } from "@tanstack/react-query";
import { fmtDateTime, fmtInt } from "../../ui/format.ts";
import { playWords, words } from "../../ui/labels.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { type Offer, playsQueries } from "./plays-api.ts";
import { useTacticNames } from "./use-tactic-names.ts";

/** An offer's terms in words: "20% off for 3 cycles", "pause 2 months", "14 more trial days". */
function terms(o: Offer): string {
  const parts: string[] = [];
  if (o.percent !== null) parts.push(`${fmtInt(o.percent)}% off`);
  if (o.cycles !== null) parts.push(`for ${fmtInt(o.cycles)} cycles`);
  if (o.months !== null) parts.push(`${fmtInt(o.months)} months`);
  if (o.days !== null) parts.push(`${fmtInt(o.days)} days`);
  return parts.join(" ") || "—";
}

/** The customer's offers ledger across every surface (GET /v1/customers/:id/offers). */
export function CustomerOffers({ customerId }: { customerId: string }) {
  const { data, error, isPending, refetch } = useQuery(playsQueries.offers(customerId));
  const tacticName = useTacticNames();
  return (
    <>
      <h3>Offers</h3>
      {error ? (
        <ErrorNotice error={error} title="Could not load the offers" onRetry={() => void refetch()} />
      ) : null}
      {isPending && !error ? <Loading what="offers" /> : null}
      {data && data.items.length === 0 ? <Empty>No offer made to this customer</Empty> : null}
      {data && data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table compact" aria-label="Offers">
            <thead>
              <tr>
                <th scope="col">Offer</th>
                <th scope="col">Tactic and surface</th>
                <th scope="col">Status</th>
                <th scope="col">Proposed</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((o) => (
                <tr key={o.id}>
                  <td>
                    {words(o.kind)}
                    <span className="small block">{terms(o)}</span>
                  </td>
                  <td>
                    {tacticName(o.tactic)}
                    <span className="muted small block">{playWords(o.surface)}</span>
                  </td>
                  <td>{words(o.status)}</td>
                  <td className="nowrap">{fmtDateTime(o.proposed_at)}</td>
                  <td className="nowrap">{fmtDateTime(o.expires_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
