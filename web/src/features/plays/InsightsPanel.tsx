import { useQuery } from "@tanstack/react-query";
import { fmtDateTime, fmtDecimal, fmtInt } from "../../ui/format.ts";
import { playWords } from "../../ui/labels.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { playsQueries } from "./plays-api.ts";
import { useTacticNames } from "./use-tactic-names.ts";

const figure = (v: number | string) =>
  typeof v === "number" ? (Number.isInteger(v) ? fmtInt(v) : fmtDecimal(v)) : v;

/** Operator insights from org-level tactics: the finding, the org's own figures and the suggested change. */
export function InsightsPanel() {
  const { data, error, refetch } = useQuery(playsQueries.insights());
  const tacticName = useTacticNames();
  return (
    <section className="card" aria-labelledby="insights-title">
      <h2 id="insights-title">Insights</h2>
      <p className="muted small">
        Org-level tactics never message a customer: they report a finding with your figures and a suggestion.
      </p>
      {error ? (
        <ErrorNotice error={error} title="Could not load the insights" onRetry={() => void refetch()} />
      ) : null}
      {!data && !error ? <Loading what="insights" /> : null}
      {data && data.items.length === 0 ? <Empty>No insights: no org-level finding so far</Empty> : null}
      {data?.items.map((i) => (
        <article key={i.tactic} className="insight" aria-label={i.title}>
          <h3>
            {i.title} {i.open ? <span className="chip chip-tone-warn">Open</span> : null}
          </h3>
          <p className="muted small">
            {tacticName(i.tactic)} · as of {fmtDateTime(i.as_of)}
          </p>
          <dl className="figures">
            {Object.entries(i.figures).map(([k, v]) => (
              <div key={k}>
                <dt>{playWords(k)}</dt>
                <dd>{figure(v)}</dd>
              </div>
            ))}
          </dl>
          <p>
            <strong>Suggestion:</strong> {i.suggestion}
          </p>
        </article>
      ))}
    </section>
  );
}
