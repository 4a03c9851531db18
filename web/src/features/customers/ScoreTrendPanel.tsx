import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { queries } from "../../api/queries.ts";
import type { ScoreKind } from "../../api/types.ts";
import { LineChartView } from "../../ui/Chart.tsx";
import { fmtDay, fmtInt, fmtMonthDay } from "../../ui/format.ts";
import { KIND_LABELS, levelWords } from "../../ui/labels.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";

const TREND_KINDS = ["churn_risk", "health", "engagement"] as const satisfies readonly ScoreKind[];
type TrendKind = (typeof TREND_KINDS)[number];
const DAYS = 90;
const COLORS: Record<TrendKind, string> = { churn_risk: "#c2410c", health: "#2f855a", engagement: "#3b6ea5" };

interface Props {
  customerId: string;
}

/** The last 90 days of one score kind (churn risk, health or engagement) as a line, with its numbers. */
export function ScoreTrendPanel({ customerId }: Props) {
  const id = useId();
  const [kind, setKind] = useState<TrendKind>("churn_risk");
  // A recompute is a write: the query client refetches the trend after it.
  const {
    data,
    error,
    isFetching: loading,
  } = useQuery({
    ...queries.scoreTrend(customerId, { kind, days: DAYS }),
    placeholderData: keepPreviousData,
  });
  const trend = data?.kind === kind ? data : null;

  const points = useMemo(
    () => (trend?.points ?? []).map((p) => ({ label: fmtMonthDay(p.day), value: p.score })),
    [trend],
  );
  const scored = (trend?.points ?? []).filter((p) => p.score !== null);
  const title = `${KIND_LABELS[kind]} over the last ${fmtInt(spanDays(scored))} days (${fmtInt(scored.length)} daily ${scored.length === 1 ? "point" : "points"})`;
  const summary = describe(scored);

  return (
    <section className="card trend" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h2 id={`${id}-title`}>Score trend</h2>
        <div className="field field-inline">
          <label htmlFor={`${id}-kind`}>Score</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as TrendKind)}>
            {TREND_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {trend ? <p className="muted small trend-title">{title}: one point per day it was scored.</p> : null}
      {error ? <ErrorNotice error={error} title="Could not load the score trend" /> : null}
      {!trend && !error && loading ? <Loading what="trend" /> : null}
      {trend && scored.length === 0 ? (
        <Empty>{`No ${KIND_LABELS[kind].toLowerCase()} scores yet`}</Empty>
      ) : null}
      {trend && scored.length > 0 ? (
        <div className={`trend-chart${loading ? " stale" : ""}`} aria-busy={loading} data-kind={kind}>
          <LineChartView
            points={points}
            title={title}
            summary={summary}
            format={fmtInt}
            min={0}
            max={100}
            color={COLORS[kind]}
          />
          <details className="trend-data">
            <summary>Trend as a table</summary>
            <table className="data-table compact">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col">Level</th>
                </tr>
              </thead>
              <tbody>
                {trend.points.map((p) => (
                  <tr key={p.day}>
                    <th scope="row">{fmtDay(p.day)}</th>
                    <td className="num">{p.score === null ? "—" : fmtInt(p.score)}</td>
                    <td>{levelWords(p.level)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      ) : null}
    </section>
  );
}

/** The days the plotted series spans (first to latest scored day, both counted), at most the days asked for. */
function spanDays(points: readonly { day: string }[]): number {
  const first = points[0]?.day;
  const last = points.at(-1)?.day;
  if (!first || !last) return 0;
  return Math.min(DAYS, Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1);
}

/** First and latest value and the range, for screen readers. */
function describe(points: readonly { day: string; score: number | null }[]): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || first.score === null || last.score === null) return "No values.";
  const values = points.map((p) => p.score as number);
  const range = `lowest ${fmtInt(Math.min(...values))}, highest ${fmtInt(Math.max(...values))}`;
  if (first === last) return `${fmtInt(last.score)} on ${fmtDay(last.day)}.`;
  return `${fmtInt(first.score)} on ${fmtDay(first.day)}, ${fmtInt(last.score)} on ${fmtDay(last.day)}; ${range}.`;
}
