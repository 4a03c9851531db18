import { useQuery } from "@tanstack/react-query";
import { toApiError } from "../../api/http.ts";
import { fmtInt, fmtUsd } from "../../ui/format.ts";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";
import { renewalsHref } from "./drill-links.ts";
import { FigureLink } from "./FigureLink.tsx";
import { reportQueries } from "./report-api.ts";

/** Subscriptions renewing in 30, 60 and 90 days (count and ARR), each opening the Renewals view. */
export function RenewalBuckets() {
  const { data, error, refetch } = useQuery(reportQueries.renewals({ within: 30, limit: 1 }));
  return (
    <section className="card" aria-labelledby="renewal-buckets-title">
      <h2 id="renewal-buckets-title">Renewals coming up</h2>
      {error ? (
        <ErrorNotice
          error={toApiError(error)}
          title="Could not load renewals"
          onRetry={() => void refetch()}
        />
      ) : null}
      {!data && !error ? <Loading what="renewals" /> : null}
      {data ? (
        <div className="figure-grid">
          {data.buckets.map((b) => (
            <FigureLink
              key={b.within}
              name={`renewals-${b.within}`}
              raw={b.subscriptions}
              label={`Due in ${b.within} days`}
              value={`${fmtInt(b.subscriptions)} ${b.subscriptions === 1 ? "subscription" : "subscriptions"}`}
              hint={`${fmtUsd(b.arr)} ARR`}
              href={renewalsHref(b.within)}
            />
          ))}
        </div>
      ) : null}
    </section>
  );
}
