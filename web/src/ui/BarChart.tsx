/**
 * A bar chart with ECharts, importing only the bar series, the grid, the tooltip and the SVG renderer.
 * Values are labelled on the bars and in a tooltip; when one bar dwarfs the others (50 times the
 * smallest), the value axis turns logarithmic (and says so) so the small bars stay visible.
 */
import { BarChart as EBarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([EBarChart, GridComponent, TooltipComponent, SVGRenderer]);

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
  /** The value axis's top (e.g. 100 for scores out of 100); a linear axis then. */
  max?: number;
  /** "auto": logarithmic when the largest bar is 50 times the smallest non-zero one. */
  scale?: "auto" | "linear" | "log";
}

/** Whether the value axis should be logarithmic for these bars. */
export function wantsLogScale(bars: readonly Bar[], scale: "auto" | "linear" | "log" = "auto"): boolean {
  if (scale !== "auto") return scale === "log";
  const positive = bars.map((b) => b.value).filter((v) => v > 0);
  if (positive.length < 2 || bars.some((b) => b.value < 0)) return false;
  return Math.max(...positive) / Math.min(...positive) >= 50;
}

const DEFAULT_COLOR = "#3b6ea5";

export default function BarChart({
  bars,
  title,
  format = String,
  horizontal = false,
  height = 260,
  max,
  scale = "auto",
}: BarChartProps) {
  const log = max === undefined && wantsLogScale(bars, scale);
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
      // Every category is named, however narrow the chart.
      axisLabel: { color: "#3d4451", interval: 0, hideOverlap: false },
      axisLine: { lineStyle: { color: "#c9ced6" } },
    };
    const valueAxis = {
      ...(log ? { type: "log" as const, logBase: 10, min: 1 } : { type: "value" as const, min: 0, max }),
      axisLabel: { color: "#6b7280", formatter: (v: number) => format(v), hideOverlap: true },
      splitNumber: horizontal ? 3 : 5,
      splitLine: { lineStyle: { color: "#eceff3" } },
    };
    chart.current?.setOption(
      {
        animation: false,
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
        grid: { left: 8, right: 40, top: 20, bottom: 8, containLabel: true },
        tooltip: {
          trigger: "item",
          confine: true,
          formatter: (p: { name: string; value: unknown }) => `${p.name}: ${format(Number(p.value))}`,
        },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
        series: [
          {
            type: "bar",
            barMaxWidth: 48,
            data: bars.map((b) => ({
              // A log axis cannot draw 0: the bar is left out, its label and the table still say 0.
              value: log && b.value <= 0 ? null : b.value,
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
  }, [bars, format, horizontal, log, max]);

  const summary = bars.map((b) => `${b.label}: ${format(b.value)}`).join(", ");
  return (
    <figure className="chart-figure">
      <div ref={el} className="chart" role="img" aria-label={`${title}. ${summary}`} style={{ height }} />
      {log ? (
        <figcaption className="muted small">
          Logarithmic scale: each grid line is ten times the one below, so small bars stay visible.
        </figcaption>
      ) : null}
    </figure>
  );
}
