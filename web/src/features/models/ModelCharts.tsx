/** The model card's two small charts, drawn as plain SVG: calibration and cumulative gains. */

const W = 280;
const H = 220;
const PAD = 32;
const x = (v: number) => PAD + v * (W - PAD - 18);
const y = (v: number) => H - PAD - v * (H - PAD - 8);
const COLORS = ["#3b6ea5", "#c0504d", "#8a8a8a", "#4f9a5a"];

function Axes({ xLabel, yLabel }: { xLabel: string; yLabel: string }) {
  return (
    <g className="model-axes" fontSize="10" fill="currentColor">
      <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(0)} stroke="currentColor" />
      <line x1={x(0)} y1={y(0)} x2={x(0)} y2={y(1)} stroke="currentColor" />
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <text x={x(t)} y={y(0) + 12} textAnchor="middle">
            {Math.round(t * 100)}%
          </text>
          <text x={x(0) - 4} y={y(t) + 3} textAnchor="end">
            {Math.round(t * 100)}%
          </text>
        </g>
      ))}
      <text x={x(0.5)} y={H - 4} textAnchor="middle">
        {xLabel}
      </text>
      <text x={10} y={y(0.5)} textAnchor="middle" transform={`rotate(-90 10 ${y(0.5)})`}>
        {yLabel}
      </text>
      <line
        x1={x(0)}
        y1={y(0)}
        x2={x(1)}
        y2={y(1)}
        stroke="currentColor"
        strokeDasharray="3 3"
        opacity="0.4"
      />
    </g>
  );
}

/** Predicted against observed rate per probability bin (on the diagonal = calibrated). */
export function ReliabilityPlot({ bins }: { bins: { predicted: number; observed: number; n: number }[] }) {
  const summary = bins
    .map(
      (b) =>
        `predicted ${Math.round(b.predicted * 100)}%, observed ${Math.round(b.observed * 100)}% (${b.n})`,
    )
    .join("; ");
  return (
    <figure className="model-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Calibration: ${summary}`}>
        <Axes xLabel="predicted" yLabel="observed" />
        <polyline
          fill="none"
          stroke={COLORS[0]}
          strokeWidth="2"
          points={bins.map((b) => `${x(b.predicted)},${y(b.observed)}`).join(" ")}
        />
        {bins.map((b) => (
          <circle
            key={`${b.predicted}-${b.observed}`}
            cx={x(b.predicted)}
            cy={y(b.observed)}
            r={2 + Math.min(4, Math.log10(b.n + 1))}
            fill={COLORS[0]}
          />
        ))}
      </svg>
      <figcaption className="muted small">Calibration on the validation window (dashed: perfect)</figcaption>
    </figure>
  );
}

/** Share of the positives found in the top x% of each ranking (dashed: random). */
export function LiftChart({ curves }: { curves: Record<string, { top: number; recall: number }[]> }) {
  const names = Object.keys(curves);
  return (
    <figure className="model-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Cumulative gains: ${names
          .map((n) => `${n} finds ${Math.round((curves[n]?.[0]?.recall ?? 0) * 100)}% in the top 10%`)
          .join("; ")}`}
      >
        <Axes xLabel="customers contacted (top x%)" yLabel="positives found" />
        {names.map((n, i) => (
          <polyline
            key={n}
            fill="none"
            stroke={COLORS[i % COLORS.length]}
            strokeWidth="2"
            points={[
              `${x(0)},${y(0)}`,
              ...(curves[n] ?? []).map((p) => `${x(p.top / 100)},${y(p.recall)}`),
            ].join(" ")}
          />
        ))}
      </svg>
      <figcaption className="muted small">
        {names.map((n, i) => (
          <span key={n} className="model-legend">
            <span style={{ color: COLORS[i % COLORS.length] }}>■</span> {n.replaceAll("_", " ")}{" "}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
