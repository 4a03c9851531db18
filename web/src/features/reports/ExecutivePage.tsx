import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { queries } from "../../api/queries.ts";
import { type Bar, BarChartView as BarChart } from "../../ui/Chart.tsx";
import { fmtDay, fmtInt, fmtPercent, fmtUsd } from "../../ui/format.ts";
import { RISK_COLORS } from "../../ui/RiskChip.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";

export function ExecutivePage() {
  const { data, error, refetch } = useQuery(queries.executive());
  const bars = useMemo<Bar[]>(
    () =>
      data
        ? (["High", "Medium", "Low"] as const).map((l) => ({
            label: l,
            value: data.level_counts[l] ?? 0,
            color: RISK_COLORS[l],
          }))
        : [],
    [data],
  );

  return (
    <section aria-labelledby="executive-title">
      <div className="page-head">
        <h1 id="executive-title">Executive</h1>
        {data?.as_of ? <p className="muted">Scores as of {fmtDay(data.as_of)}</p> : null}
      </div>
      {error ? (
        <ErrorNotice
          error={error}
          title="Could not load the Executive report"
          onRetry={() => void refetch()}
        />
      ) : null}
      {!data && !error ? <Loading /> : null}
      {data ? (
        <>
          <dl className="stat-grid">
            <StatCard label="Churn rate (label)" value={fmtPercent(data.churn_rate_label)} />
            <StatCard
              label="High-risk share"
              value={fmtPercent(data.high_risk_share)}
              hint={`${fmtInt(data.level_counts.High ?? 0)} High-risk customers`}
            />
            <StatCard label="ARR at risk" value={fmtUsd(data.arr_at_risk)} hint="High and Medium risk" />
            <StatCard label="Total ARR" value={fmtUsd(data.total_arr)} />
            <StatCard label="Average ARR" value={fmtUsd(data.avg_arr)} />
            <StatCard label="Customers" value={fmtInt(data.customers)} />
          </dl>
          <div className="card">
            <h2>Customers by risk level</h2>
            <BarChart bars={bars} title="Customers by risk level" format={fmtInt} />
          </div>
          <p className="muted windows">
            Usage window end: {fmtDay(data.usage_window_end)} | Support window end:{" "}
            {fmtDay(data.tickets_window_end)}
          </p>
        </>
      ) : null}
    </section>
  );
}
