/** A bar chart with ECharts, importing only the bar series, the grid and the SVG renderer (values are labelled on the bars). */
import { BarChart as EBarChart } from "echarts/charts";
import { GridComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([EBarChart, GridComponent, SVGRenderer]);

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

export interface BarChartProps {
  bars: readonly Bar[];
  /** Read out instead of the drawing: the chart is an image to assistive technology. */
  title: string;
  format?: (n: number) => string;
  horizontal?: boolean;
  height?: number;
}

const DEFAULT_COLOR = "#3b6ea5";

export default function BarChart({
  bars,
  title,
  format = String,
  horizontal = false,
  height = 260,
}: BarChartProps) {
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
    const categoryAxis = {
      type: "category" as const,
      data: bars.map((b) => b.label),
      axisTick: { show: false },
      axisLabel: { color: "#3d4451" },
      axisLine: { lineStyle: { color: "#c9ced6" } },
    };
    const valueAxis = {
      type: "value" as const,
      axisLabel: { color: "#6b7280", formatter: (v: number) => format(v) },
      splitLine: { lineStyle: { color: "#eceff3" } },
    };
    chart.current?.setOption(
      {
        animation: false,
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
        grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
        series: [
          {
            type: "bar",
            barMaxWidth: 48,
            data: bars.map((b) => ({
              value: b.value,
              name: b.label,
              itemStyle: {
                color: b.color ?? DEFAULT_COLOR,
                borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0],
              },
            })),
            label: {
              show: true,
              position: horizontal ? "right" : "top",
              color: "#1f2430",
              formatter: (p: { value: unknown }) => format(Number(p.value)),
            },
          },
        ],
      },
      true,
    );
  }, [bars, format, horizontal]);

  const summary = bars.map((b) => `${b.label}: ${format(b.value)}`).join(", ");
  return <div ref={el} className="chart" role="img" aria-label={`${title}. ${summary}`} style={{ height }} />;
}
