import { lazy, Suspense } from "react";
import type { SeriesChartProps } from "./SeriesChart.tsx";

export type { Series } from "./SeriesChart.tsx";

const LazySeriesChart = lazy(() => import("./SeriesChart.tsx"));

/** The series chart, loaded in its own chunk (ECharts); a same-sized placeholder meanwhile. */
export function SeriesChartView(props: SeriesChartProps) {
  const height = props.height ?? 260;
  return (
    <Suspense
      fallback={
        <div className="chart chart-loading" style={{ height }}>
          Loading chart…
        </div>
      }
    >
      <LazySeriesChart {...props} />
    </Suspense>
  );
}
