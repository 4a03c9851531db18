import type { CustomerBrief } from "../../api/types.ts";
import { fmtInt } from "../../ui/format.ts";
import { LevelChip } from "../../ui/LevelChip.tsx";
import { KIND_LABELS, levelWords } from "../../ui/labels.ts";

/** What each secondary score means, in one line. */
const MEANINGS = {
  churn_risk: "Churn risk: how likely the customer is to leave (0-100, higher is riskier).",
  early_warning:
    "Early warning: seed 004's rule points (usage drop, errors, tickets, payments); a second opinion on risk.",
  health:
    "Health: how well the account is doing overall (0-100, higher is better); low health often precedes risk.",
} as const;

/**
 * The headline risk (the org's chosen score, churn risk by default) as the figure, with early
 * warning and health as named secondary scores. A churned customer has no live risk to show.
 */
export function RiskSummary({ brief }: { brief: CustomerBrief }) {
  const h = brief.headline_risk;
  const churned = brief.customer.status === "churned";
  const secondary = (["churn_risk", "early_warning", "health"] as const).filter((k) => k !== h.key);
  return (
    <div className="risk-summary">
      <p className="headline-risk" data-kind={h.key}>
        <span className="muted small">{h.label} (headline)</span>{" "}
        {churned ? (
          <span className="muted">None: the customer has churned</span>
        ) : (
          <>
            <strong className="headline-score">{h.score === null ? "—" : fmtInt(h.score)}</strong>
            <span className="muted">/100</span>{" "}
            {h.level ? (
              <span className={`chip chip-${h.level.toLowerCase()}`}>
                {h.level_label ?? levelWords(h.level)}
              </span>
            ) : (
              <span className="chip chip-none">Not scored</span>
            )}
          </>
        )}
      </p>
      {churned ? (
        <p className="muted small scores-at-churn-note">
          Other scores are as they stood at the churn, not a live risk.
        </p>
      ) : (
        <ul className="secondary-scores" aria-label="Other scores">
          {secondary.map((k) => {
            const v = brief.scores[k];
            return (
              <li key={k} data-kind={k}>
                <span className="secondary-name">{KIND_LABELS[k]}</span>{" "}
                {v ? (
                  <>
                    <strong>{v.score === null ? "—" : fmtInt(v.score)}</strong>{" "}
                    <LevelChip kind={k} level={v.level} />
                  </>
                ) : (
                  <span className="muted">Not scored</span>
                )}
                <span className="muted small block">{MEANINGS[k]}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
