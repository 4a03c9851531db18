import { useQuery } from "@tanstack/react-query";
import { queries } from "../../api/queries.ts";
import { fmtDay, fmtInt, fmtPercent, fmtUsd } from "../../ui/format.ts";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";
import { atRiskHref } from "./drill-links.ts";
import { FigureLink } from "./FigureLink.tsx";
import { LinkBars } from "./LinkBars.tsx";
import { LostBusiness } from "./LostBusiness.tsx";
import { RenewalBuckets } from "./RenewalBuckets.tsx";
import { RetentionTrend } from "./RetentionTrend.tsx";
import "./reports.css";

/** The headline levels' colours, highest risk first (by level key, either headline score). */
const LEVEL_COLORS: Record<string, string> = {
  critical: "#8f1d12",
  high: "#c2410c",
  medium: "#b7791f",
  low: "#2f855a",
};
/** Levels counted in "ARR at risk" (the report's definition). */
const AT_RISK = new Set(["critical", "high"]);

/**
 * The live book by the headline risk (every figure opens the list of exactly those customers), lost
 * business apart, the revenue retention trend and the renewals coming up.
 */
export function ExecutivePage() {
  const { data, error, refetch } = useQuery(queries.executive());
  const atRisk = data?.levels.filter((l) => AT_RISK.has(l.key.toLowerCase())) ?? [];

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
          <p className="muted small">
            The live book: customers not churned on the as-of day, by {data.headline.label.toLowerCase()}.
            Select a figure to open the list of those customers.
          </p>
          <div className="figure-grid">
            <FigureLink
              name="live-customers"
              raw={data.customers}
              label="Live customers"
              value={fmtInt(data.customers)}
              href={atRiskHref({})}
            />
            <FigureLink
              name="live-arr"
              raw={data.total_arr}
              label="Live ARR"
              value={fmtUsd(data.total_arr)}
              hint={`Average ${fmtUsd(data.avg_arr)} per customer`}
              href={atRiskHref({})}
            />
            <FigureLink
              name="arr-at-risk"
              raw={data.arr_at_risk}
              label="ARR at risk"
              value={fmtUsd(data.arr_at_risk)}
              hint={`${atRisk.map((l) => l.label).join(" and ")} ${data.headline.label.toLowerCase()}; ${fmtPercent(data.high_risk_share)} of live customers`}
            />
            {atRisk.map((l) => (
              <FigureLink
                key={l.key}
                name={`level-${l.key}`}
                raw={l.customers}
                label={`${l.label} risk customers`}
                value={fmtInt(l.customers)}
                hint={`${fmtUsd(l.arr)} ARR`}
                href={atRiskHref({ risk_level: l.key })}
              />
            ))}
          </div>
          <div className="report-cards">
            <section className="card" aria-labelledby="levels-title">
              <h2 id="levels-title">Live customers by {data.headline.label.toLowerCase()}</h2>
              <LinkBars
                title={`Live customers per ${data.headline.label.toLowerCase()} level`}
                format={fmtInt}
                bars={data.levels.map((l) => ({
                  key: l.key,
                  label: l.label,
                  value: l.customers,
                  note: `(${fmtUsd(l.arr)})`,
                  color: LEVEL_COLORS[l.key.toLowerCase()],
                  href: atRiskHref({ risk_level: l.key }),
                }))}
              />
              <p className="muted small">
                Churn rate (the data's churn label): {fmtPercent(data.churn_rate_label)} of scored customers.
              </p>
            </section>
            <LostBusiness lost={data.lost} />
          </div>
          <div className="report-cards">
            <RenewalBuckets />
          </div>
          <RetentionTrend />
          <p className="muted windows">
            Usage window end: {fmtDay(data.usage_window_end)} | Support window end:{" "}
            {fmtDay(data.tickets_window_end)}
          </p>
        </>
      ) : null}
    </section>
  );
}
