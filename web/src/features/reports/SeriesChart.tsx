/**
 * Several series over the same months (ECharts: line and bar series, grid, tooltip, legend, SVG
 * renderer), for the revenue retention trend. Values are in the tooltip and the table beside it.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface Series {
  name: string;
  type: "line" | "bar";
  values: readonly (number | null)[];
  color: string;
}

export interface SeriesChartProps {
  labels: readonly string[];
  series: readonly Series[];
  title: string;
  summary: string;
  format: (n: number) => string;
  height?: number;
}

export default function SeriesChart({
  labels,
  series,
  title,
  summary,
  format,
  height = 260,
}: SeriesChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, null, { renderer: "svg" });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
        legend: { top: 0, textStyle: { color: "#3d4451" } },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        tooltip: {
          trigger: "axis",
          confine: true,
          valueFormatter: (v: unknown) => (typeof v === "number" ? format(v) : "—"),
        },
        xAxis: {
          type: "category",
          data: [...labels],
          axisTick: { show: false },
          axisLabel: { color: "#3d4451", hideOverlap: true },
          axisLine: { lineStyle: { color: "#c9ced6" } },
        },
        yAxis: {
          type: "value",
          scale: true,
          axisLabel: { color: "#6b7280", formatter: (v: number) => format(v) },
          splitLine: { lineStyle: { color: "#eceff3" } },
        },
        series: series.map((s) => ({
          type: s.type,
          name: s.name,
          data: [...s.values],
          connectNulls: false,
          symbolSize: 6,
          barMaxWidth: 18,
          lineStyle: { color: s.color, width: 2 },
          itemStyle: { color: s.color },
        })),
      },
      true,
    );
  }, [labels, series, format]);

  return <div ref={el} className="chart" role="img" aria-label={`${title}. ${summary}`} style={{ height }} />;
}
