import { lazy, Suspense } from "react";
import type { BarChartProps } from "./BarChart.tsx";

export type { Bar } from "./BarChart.tsx";

// ECharts is the bulk of the bundle: load it in its own chunk, so the tables and forms do not wait for it.
const LazyBarChart = lazy(() => import("./BarChart.tsx"));

/** A bar chart; a same-sized placeholder shows while the chart code loads. */
export function BarChartView(props: BarChartProps) {
  return (
    <Suspense
      fallback={
        <div className="chart chart-loading" style={{ height: props.height ?? 260 }}>
          Loading chart…
        </div>
      }
    >
      <LazyBarChart {...props} />
    </Suspense>
  );
}
