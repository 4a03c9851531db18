import { fmtInt } from "../../ui/format.ts";
import { playWords } from "../../ui/labels.ts";
import type { Tactic } from "./plays-api.ts";
import { suppressedTotal } from "./tactic-counts.ts";

/** A tactic's live counts (GET /v1/tactics), with suppressions broken down by rule. */
export function TacticCounts({ tactic: t }: { tactic: Tactic }) {
  const c = t.counts;
  const rules = Object.entries(c.suppressed).sort((a, b) => b[1] - a[1]);
  const figures: [key: string, label: string, value: number][] = [
    ["eligible", "Eligible", c.eligible],
    ["started", "Started", c.started],
    ["fired", "Steps fired", c.fired],
    ["suppressed", "Suppressed", suppressedTotal(t)],
    ["in_flight", "In flight", c.in_flight],
    ["converted", "Converted", c.converted],
  ];
  return (
    <>
      <dl className="tactic-counts">
        {figures.map(([key, label, value]) => (
          <div key={key} data-count={key}>
            <dt>{label}</dt>
            <dd>{fmtInt(value)}</dd>
          </div>
        ))}
      </dl>
      {rules.length > 0 ? (
        <p className="small suppressed-by">
          <span className="muted">Suppressed by: </span>
          {rules.map(([rule, n], i) => (
            <span key={rule} data-rule={rule}>
              {i > 0 ? ", " : ""}
              {playWords(rule)} {fmtInt(n)}
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}
