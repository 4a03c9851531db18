import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { toApiError } from "../../api/http.ts";
import { fmtPercent, fmtUsd } from "../../ui/format.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { reportQueries } from "./report-api.ts";
import { type Series, SeriesChartView } from "./SeriesChartView.tsx";

const monthName = new Intl.DateTimeFormat("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });
/** "2026-03" as "Mar 26". */
export const fmtMonth = (month: string): string => {
  const d = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? month : monthName.format(d);
};
const pct = (r: number | null) => (r === null ? "—" : fmtPercent(r));

/** 12 months of revenue retention: GRR and NRR, logo churn, and the ARR that moved each month. */
export function RetentionTrend() {
  const { data, error, refetch } = useQuery(reportQueries.retention(12));
  const months = data?.months ?? [];
  const labels = useMemo(() => months.map((m) => fmtMonth(m.month)), [months]);
  const ratios = useMemo<Series[]>(
    () => [
      {
        name: "Gross revenue retention",
        type: "line",
        color: "#2f5f93",
        values: months.map((m) => m.gross_revenue_retention),
      },
      {
        name: "Net revenue retention",
        type: "line",
        color: "#23744a",
        values: months.map((m) => m.net_revenue_retention),
      },
      { name: "Logo churn", type: "bar", color: "#c2410c", values: months.map((m) => m.logo_churn) },
    ],
    [months],
  );
  const moves = useMemo<Series[]>(
    () => [
      { name: "Expansion ARR", type: "bar", color: "#23744a", values: months.map((m) => m.expansion_arr) },
      {
        name: "Contraction ARR",
        type: "bar",
        color: "#b7791f",
        values: months.map((m) => -m.contraction_arr),
      },
      { name: "Churned ARR", type: "bar", color: "#c2410c", values: months.map((m) => -m.churned_arr) },
    ],
    [months],
  );
  const last = months.at(-1);

  return (
    <section className="card" aria-labelledby="retention-title">
      <h2 id="retention-title">Revenue retention, last 12 months</h2>
      {error ? (
        <ErrorNotice
          error={toApiError(error)}
          title="Could not load revenue retention"
          onRetry={() => void refetch()}
        />
      ) : null}
      {!data && !error ? <Loading what="revenue retention" /> : null}
      {data && months.length === 0 ? <Empty>No subscription revenue in the last 12 months</Empty> : null}
      {data && months.length > 0 ? (
        <>
          <p className="muted small">
            Each month: starting ARR plus new and expansion, less contraction and churn, is the ending ARR
            (the month so far ends with the live book's ARR). Gross retention is the starting ARR kept after
            contraction and churn; net adds expansion. Logo churn is the share of paying customers lost. A
            month compares each customer's ARR on its first day with the next month's first day (from the MRR
            change log): unlike Lost business, which counts every churn on its churn date, a customer that
            joined and left within one month is not in churned ARR, and a churn dated the 1st falls in the
            month before.
            {last && !last.complete ? ` ${fmtMonth(last.month)} is the month so far.` : ""}
          </p>
          <SeriesChartView
            labels={labels}
            series={ratios}
            format={(n) => fmtPercent(n)}
            title="Gross and net revenue retention and logo churn per month"
            summary={`Latest month ${last ? fmtMonth(last.month) : ""}: gross ${pct(last?.gross_revenue_retention ?? null)}, net ${pct(last?.net_revenue_retention ?? null)}, logo churn ${pct(last?.logo_churn ?? null)}`}
          />
          <SeriesChartView
            labels={labels}
            series={moves}
            format={fmtUsd}
            height={220}
            title="ARR gained from expansion and lost to contraction and churn per month"
            summary={months
              .map(
                (m) =>
                  `${fmtMonth(m.month)}: +${fmtUsd(m.expansion_arr)}, -${fmtUsd(m.contraction_arr)}, -${fmtUsd(m.churned_arr)}`,
              )
              .join("; ")}
          />
          <div className="table-scroll">
            <table className="data-table retention">
              <caption className="visually-hidden">Revenue retention per month</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="num">
                    Starting ARR
                  </th>
                  <th scope="col" className="num">
                    New
                  </th>
                  <th scope="col" className="num">
                    Expansion
                  </th>
                  <th scope="col" className="num">
                    Contraction
                  </th>
                  <th scope="col" className="num">
                    Churned
                  </th>
                  <th scope="col" className="num">
                    Ending ARR
                  </th>
                  <th scope="col" className="num">
                    Gross retention
                  </th>
                  <th scope="col" className="num">
                    Net retention
                  </th>
                  <th scope="col" className="num">
                    Logo churn
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...months].reverse().map((m) => (
                  <tr key={m.month}>
                    <th scope="row">
                      {fmtMonth(m.month)}
                      {m.complete ? "" : " (so far)"}
                    </th>
                    <td className="num">{fmtUsd(m.starting_arr)}</td>
                    <td className="num">{fmtUsd(m.new_arr)}</td>
                    <td className="num">{fmtUsd(m.expansion_arr)}</td>
                    <td className="num">{fmtUsd(m.contraction_arr)}</td>
                    <td className="num">{fmtUsd(m.churned_arr)}</td>
                    <td className="num">{fmtUsd(m.ending_arr)}</td>
                    <td className="num">{pct(m.gross_revenue_retention)}</td>
                    <td className="num">{pct(m.net_revenue_retention)}</td>
                    <td className="num">{pct(m.logo_churn)}</td>
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
