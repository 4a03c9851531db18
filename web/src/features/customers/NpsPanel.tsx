import { useId } from "react";
import type { ScoreView } from "../../api/types.ts";
import { fmtDay, fmtInt, fmtSigned } from "../../ui/format.ts";
import { LevelChip } from "../../ui/LevelChip.tsx";
import { isUnscored, words } from "../../ui/labels.ts";

/** The customer's NPS (-100..100 over its respondents' latest answers), its level, and the counts behind it. */
export function NpsPanel({ view }: { view: ScoreView | undefined }) {
  const id = useId();
  const counts = Object.entries(view?.detail ?? {}).filter(
    (e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]),
  );
  return (
    <section className="card nps" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>NPS</h2>
      {!view || view.score === null ? (
        <p className="muted">
          {view && !isUnscored(view.level) ? `NPS level ${view.level}, no score.` : "No NPS answers yet."}
        </p>
      ) : (
        <>
          <div className="nps-head">
            <p className="nps-value">
              <span className="visually-hidden">Customer NPS </span>
              {fmtSigned(view.score)}
            </p>
            <LevelChip kind="nps" level={view.level} />
          </div>
          <p className="muted small">Customer NPS, -100 to 100, as of {fmtDay(view.as_of)}</p>
          {view.signals.map((sig) => (
            <p key={sig.name}>{sig.text}</p>
          ))}
          {counts.length > 0 ? (
            <dl className="figures">
              {counts.map(([k, v]) => (
                <div key={k}>
                  <dt>{words(k)}</dt>
                  <dd>{Number.isInteger(v) ? fmtInt(v) : fmtSigned(v)}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </>
      )}
    </section>
  );
}
