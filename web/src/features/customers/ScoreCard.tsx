import { useId, useState } from "react";
import type { ScoreKind, ScoreView } from "../../api/types.ts";
import { fmtDay, fmtInt, fmtSigned } from "../../ui/format.ts";
import { LevelChip } from "../../ui/LevelChip.tsx";
import { isUnscored, KIND_LABELS, levelWords, scoreText } from "../../ui/labels.ts";

const TOP_SIGNALS = 3;

/** One score kind: value (or Unscored), its tier/band/stage, the day it is as of, and why (signals in words). */
export function ScoreCard({ kind, view }: { kind: ScoreKind; view: ScoreView | undefined }) {
  const id = useId();
  const [all, setAll] = useState(false);
  const label = KIND_LABELS[kind];

  if (!view) {
    return (
      <article className="score-card" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{label}</h3>
        <p className="score-value">
          <span className="muted">Not computed yet</span>
        </p>
      </article>
    );
  }

  const shown = all ? view.signals : view.signals.slice(0, TOP_SIGNALS);
  const hidden = view.signals.length - TOP_SIGNALS;
  const value = view.score === null ? null : scoreText(kind, view.score);
  return (
    <article className="score-card" aria-labelledby={`${id}-title`} data-kind={kind}>
      <div className="score-card-head">
        <h3 id={`${id}-title`}>{label}</h3>
        <LevelChip kind={kind} level={view.level} />
      </div>
      <p className="score-value">
        {value ? (
          <>
            <span className="visually-hidden">Score </span>
            {value.value}
            {value.unit ? <span className="score-unit">{value.unit}</span> : null}
          </>
        ) : (
          // A stage-like kind (lifecycle) has no number: its stage is the value.
          <span className={isUnscored(view.level) ? "muted" : undefined}>{levelWords(view.level)}</span>
        )}
      </p>
      <p className="muted small">As of {fmtDay(view.as_of)}</p>
      {view.signals.length > 0 ? (
        <>
          <ul className="signals" id={`${id}-signals`} aria-label={`${label} signals`}>
            {shown.map((s) => (
              <li key={s.name}>
                <span>{s.text}</span>
                {s.effect !== 0 ? (
                  <span className={s.effect > 0 ? "effect effect-up" : "effect effect-down"}>
                    {fmtSigned(s.effect)}
                    <span className="visually-hidden"> points</span>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          {hidden > 0 ? (
            <button
              type="button"
              className="link-button small"
              aria-expanded={all}
              aria-controls={`${id}-signals`}
              onClick={() => setAll((a) => !a)}
            >
              {all ? "Show top 3 signals" : `Show all ${fmtInt(view.signals.length)} signals`}
            </button>
          ) : null}
        </>
      ) : (
        <p className="muted small">No contributing signals.</p>
      )}
    </article>
  );
}
