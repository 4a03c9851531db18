import { lazy, Suspense } from "react";
import type { BarChartProps } from "./BarChart.tsx";
import type { LineChartProps } from "./LineChart.tsx";

export type { Bar } from "./BarChart.tsx";
export type { LinePoint } from "./LineChart.tsx";

// ECharts is the bulk of the bundle: load it in its own chunk, so the tables and forms do not wait for it.
const LazyBarChart = lazy(() => import("./BarChart.tsx"));
const LazyLineChart = lazy(() => import("./LineChart.tsx"));

function ChartLoading({ height }: { height: number }) {
  return (
    <div className="chart chart-loading" style={{ height }}>
      Loading chart…
    </div>
  );
}

/** A bar chart; a same-sized placeholder shows while the chart code loads. */
export function BarChartView(props: BarChartProps) {
  return (
    <Suspense fallback={<ChartLoading height={props.height ?? 260} />}>
      <LazyBarChart {...props} />
    </Suspense>
  );
}

/** A line chart over days; a same-sized placeholder shows while the chart code loads. */
export function LineChartView(props: LineChartProps) {
  return (
    <Suspense fallback={<ChartLoading height={props.height ?? 240} />}>
      <LazyLineChart {...props} />
    </Suspense>
  );
}
