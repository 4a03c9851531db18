/** A line chart over days with ECharts (line series, grid, tooltip and the SVG renderer only). */
import { LineChart as ELineChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([ELineChart, GridComponent, TooltipComponent, SVGRenderer]);

export interface LinePoint {
  /** Axis label, e.g. "Mar 4". */
  label: string;
  /** null leaves a gap (no value that day). */
  value: number | null;
}

export interface LineChartProps {
  points: readonly LinePoint[];
  /** Read out instead of the drawing: the chart is an image to assistive technology. */
  title: string;
  /** A spoken summary of the values (first, last, range). */
  summary: string;
  format?: (n: number) => string;
  min?: number;
  max?: number;
  height?: number;
  color?: string;
}

export default function LineChart({
  points,
  title,
  summary,
  format = String,
  min,
  max,
  height = 240,
  color = "#3b6ea5",
}: LineChartProps) {
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
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        tooltip: {
          trigger: "axis",
          valueFormatter: (v: unknown) => (typeof v === "number" ? format(v) : "—"),
        },
        xAxis: {
          type: "category",
          data: points.map((p) => p.label),
          boundaryGap: false,
          axisTick: { show: false },
          axisLabel: { color: "#3d4451", hideOverlap: true },
          axisLine: { lineStyle: { color: "#c9ced6" } },
        },
        yAxis: {
          type: "value",
          ...(min === undefined ? {} : { min }),
          ...(max === undefined ? {} : { max }),
          axisLabel: { color: "#6b7280", formatter: (v: number) => format(v) },
          splitLine: { lineStyle: { color: "#eceff3" } },
        },
        series: [
          {
            type: "line",
            name: title,
            data: points.map((p) => p.value),
            connectNulls: false,
            showSymbol: true,
            symbolSize: 6,
            lineStyle: { color, width: 2 },
            itemStyle: { color },
          },
        ],
      },
      true,
    );
  }, [points, title, format, min, max, color]);

  return <div ref={el} className="chart" role="img" aria-label={`${title}. ${summary}`} style={{ height }} />;
}
