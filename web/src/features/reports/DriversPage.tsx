import { useQuery } from "@tanstack/react-query";
import { queries } from "../../api/queries.ts";
import { fmtDecimal, fmtInt, fmtPercent, fmtUsd } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { atRiskHref } from "./drill-links.ts";
import { LinkBars } from "./LinkBars.tsx";
import "./reports.css";

/** A readable scale's top for averages out of 100: the next multiple of 10 above the largest (at least 10). */
export function scaleTop(values: readonly number[]): number {
  const top = Math.max(0, ...values);
  return Math.min(100, Math.max(10, Math.ceil((top + 0.001) / 10) * 10));
}

/** What drives the live book's risk (each driver opens its customers), risk by plan tier, churn reasons. */
export function DriversPage() {
  const { data, error, refetch } = useQuery(queries.drivers());
  const headline = data?.headline.label.toLowerCase() ?? "risk";
  const tierTop = scaleTop(data?.risk_by_plan_tier.map((t) => t.avg_risk_score) ?? []);
  const churnTotal = data?.churn_reasons.reduce((s, r) => s + r.count, 0) ?? 0;

  return (
    <section aria-labelledby="drivers-title">
      <div className="page-head">
        <h1 id="drivers-title">Drivers</h1>
      </div>
      {error ? (
        <ErrorNotice error={error} title="Could not load the Drivers report" onRetry={() => void refetch()} />
      ) : null}
      {!data && !error ? <Loading /> : null}
      {data ? (
        <div className="report-cards">
          <section className="card" aria-labelledby="drivers-bars-title">
            <h2 id="drivers-bars-title">Risk drivers</h2>
            <p className="muted small">
              Live customers whose {headline} names each driver. Select one to open those customers.
            </p>
            {data.driver_counts.length === 0 ? (
              <Empty>No driver flags any live customer</Empty>
            ) : (
              <LinkBars
                title="Live customers per risk driver"
                format={fmtInt}
                bars={[...data.driver_counts]
                  .sort((a, b) => b.customers - a.customers)
                  .map((d) => ({
                    key: d.key,
                    label: d.label,
                    value: d.customers,
                    color: "#7c5cbf",
                    href: atRiskHref({ driver: d.key }),
                  }))}
              />
            )}
          </section>
          <section className="card" aria-labelledby="tiers-title">
            <h2 id="tiers-title">Average {headline} by plan tier</h2>
            <p className="muted small">
              Average {headline} score (out of 100) of each tier's live customers; the bars run from 0 to{" "}
              {tierTop} so the differences show.
            </p>
            <LinkBars
              title={`Average ${headline} score by plan tier`}
              format={fmtDecimal}
              max={tierTop}
              scaleNote={`Scale: 0 to ${tierTop} (scores are out of 100).`}
              bars={data.risk_by_plan_tier.map((t) => ({
                key: t.plan_tier,
                label: t.plan_tier,
                value: t.avg_risk_score,
                note: `(${fmtInt(t.customers)} customers, ${fmtUsd(t.arr)})`,
                href: atRiskHref({ plan_tier: t.plan_tier }),
              }))}
            />
          </section>
          <section className="card" aria-labelledby="churn-reasons-title">
            <h2 id="churn-reasons-title">Churn reasons</h2>
            <p className="muted small">Every churn event in the data, by the reason given.</p>
            {data.churn_reasons.length === 0 ? (
              <Empty>No churn events recorded</Empty>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <caption className="visually-hidden">Churn events by reason</caption>
                  <thead>
                    <tr>
                      <th scope="col">Reason</th>
                      <th scope="col" className="num">
                        Churn events
                      </th>
                      <th scope="col" className="num">
                        Share
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.churn_reasons.map((r) => (
                      <tr key={r.reason_code}>
                        <th scope="row">{words(r.reason_code)}</th>
                        <td className="num">{fmtInt(r.count)}</td>
                        <td className="num">{fmtPercent(churnTotal ? r.count / churnTotal : 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      ) : null}
    </section>
  );
}
