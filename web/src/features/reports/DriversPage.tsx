import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { queries } from "../../api/queries.ts";
import { type Bar, BarChartView as BarChart } from "../../ui/Chart.tsx";
import { fmtDecimal, fmtInt, fmtPercent } from "../../ui/format.ts";
import { reasonLabel, words } from "../../ui/labels.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";

export function DriversPage() {
  const { data, error, refetch } = useQuery(queries.drivers());
  const tierBars = useMemo<Bar[]>(
    () => data?.risk_by_plan_tier.map((t) => ({ label: t.plan_tier, value: t.avg_risk_score })) ?? [],
    [data],
  );
  const driverBars = useMemo<Bar[]>(
    () =>
      data
        ? Object.entries(data.drivers).map(([kind, n]) => ({
            label: reasonLabel(kind),
            value: n ?? 0,
            color: "#7c5cbf",
          }))
        : [],
    [data],
  );
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
        <div className="two-col">
          <div className="card">
            <h2>Average risk by plan tier</h2>
            <p className="muted small">Average risk score (0 to 100) of each tier's customers.</p>
            <BarChart
              bars={tierBars}
              title="Average risk score by plan tier, out of 100"
              format={fmtDecimal}
              max={100}
            />
            <table className="data-table">
              <caption className="visually-hidden">Average risk score by plan tier</caption>
              <thead>
                <tr>
                  <th scope="col">Plan tier</th>
                  <th scope="col" className="num">
                    Customers
                  </th>
                  <th scope="col" className="num">
                    Average risk score
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.risk_by_plan_tier.map((t) => (
                  <tr key={t.plan_tier}>
                    <th scope="row">{t.plan_tier}</th>
                    <td className="num">{fmtInt(t.customers)}</td>
                    <td className="num">{fmtDecimal(t.avg_risk_score)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card">
            <h2>Risk drivers</h2>
            <p className="muted small">Customers flagged by each kind of early-warning reason.</p>
            <BarChart bars={driverBars} title="Customers flagged per reason" format={fmtInt} horizontal />
          </div>
          <div className="card">
            <h2>Churn reasons</h2>
            {data.churn_reasons.length === 0 ? (
              <Empty>No churn events recorded</Empty>
            ) : (
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
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
