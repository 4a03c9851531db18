import { fmtInt } from "../../ui/format.ts";
import { StatCard } from "../../ui/StatCard.tsx";
import type { Tactic } from "./plays-api.ts";
import { suppressedTotal } from "./tactic-counts.ts";

/** The catalog's totals, summed from the same answer the catalog shows (so they always agree). */
export function PlaysTotals({ tactics }: { tactics: readonly Tactic[] }) {
  const sum = (f: (t: Tactic) => number) => tactics.reduce((a, t) => a + f(t), 0);
  const on = tactics.filter((t) => t.enabled).length;
  return (
    <dl className="stat-grid plays-totals" aria-label="Plays totals">
      <StatCard label="Tactics running" value={`${fmtInt(on)} of ${fmtInt(tactics.length)}`} />
      <StatCard label="Eligible" value={fmtInt(sum((t) => t.counts.eligible))} hint="triggers that fired" />
      <StatCard label="Runs started" value={fmtInt(sum((t) => t.counts.started))} />
      <StatCard label="Steps fired" value={fmtInt(sum((t) => t.counts.fired))} />
      <StatCard label="Suppressed" value={fmtInt(sum(suppressedTotal))} hint="by a named rule" />
      <StatCard label="In flight" value={fmtInt(sum((t) => t.counts.in_flight))} />
      <StatCard label="Converted" value={fmtInt(sum((t) => t.counts.converted))} />
    </dl>
  );
}
