import { useEffect, useRef } from "react";
import type { ChecklistStep, CustomerBrief, Outcome } from "../api-types.ts";
import { fmtDay, fmtInt, fmtUsd } from "../format.ts";
import { useApi } from "../useApi.ts";
import { BriefTickets } from "./BriefTickets.tsx";
import { Checklist } from "./Checklist.tsx";
import { LevelChip } from "./LevelChip.tsx";
import { OutcomeLog } from "./OutcomeLog.tsx";
import { OutreachDrafts } from "./OutreachDrafts.tsx";
import { RiskChip } from "./RiskChip.tsx";
import { ErrorNotice, Loading } from "./Status.tsx";

const SCORE_CHIPS = ["churn_risk", "health", "lifecycle_stage"] as const;

interface Props {
  customerId: string;
  onClose: () => void;
  /** The customer's own page (all scores, trends, lifecycle). */
  pageHref?: string;
}

/** The CSM brief for one customer: who, why at risk, what to do, drafts to send, and what happened. */
export function CustomerBriefPanel({ customerId, onClose, pageHref }: Props) {
  const path = `/v1/customers/${encodeURIComponent(customerId)}`;
  const { data, error, setData } = useApi<CustomerBrief>(path);
  const brief = data?.customer.customer_id === customerId ? data : null;
  const heading = useRef<HTMLHeadingElement>(null);

  // Move focus to the brief when a customer's brief arrives (keyboard and screen-reader users land on it).
  const shownId = brief?.customer.customer_id;
  useEffect(() => {
    if (shownId) heading.current?.focus();
  }, [shownId]);

  const onStep = (step: ChecklistStep) =>
    setData((b) => (b ? { ...b, checklist: b.checklist.map((s) => (s.id === step.id ? step : s)) } : b));
  const onOutcome = (o: Outcome) => setData((b) => (b ? { ...b, outcomes: [o, ...b.outcomes] } : b));

  return (
    <aside className="brief card" aria-label="Customer brief">
      <div className="brief-top">
        <span className="muted small">Customer brief</span>
        <button type="button" className="link-button" onClick={onClose}>
          Close brief
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!brief && !error ? <Loading what="brief" /> : null}
      {brief ? (
        <>
          <header className="brief-head">
            <h2 ref={heading} tabIndex={-1}>
              {brief.customer.account_name ?? brief.customer.account_id}
            </h2>
            <p className="mono muted">
              {brief.customer.customer_id} · {brief.customer.account_id}
            </p>
            <div className="brief-risk">
              <RiskChip level={brief.customer.risk_level} />
              <span>
                Risk score{" "}
                <strong>
                  {brief.customer.risk_score === null ? "—" : fmtInt(brief.customer.risk_score)}
                </strong>
                /100
              </span>
              <span className={brief.customer.churned ? "tag tag-churned" : "tag"}>
                {brief.customer.churned ? "Churned (label)" : "Not churned"}
              </span>
            </div>
            {SCORE_CHIPS.some((k) => brief.scores[k]) ? (
              <ul className="chip-row" aria-label="Current levels">
                {SCORE_CHIPS.map((k) =>
                  brief.scores[k] ? (
                    <li key={k}>
                      <LevelChip kind={k} level={brief.scores[k].level} labelled />
                    </li>
                  ) : null,
                )}
              </ul>
            ) : null}
            {pageHref ? (
              <p className="brief-open-page">
                <a href={pageHref}>Open customer page</a>
              </p>
            ) : null}
            <dl className="facts">
              <dt>Plan</dt>
              <dd>
                {brief.customer.plan_tier ?? "—"}
                {brief.customer.is_trial ? " (trial)" : ""}
              </dd>
              <dt>ARR</dt>
              <dd>{fmtUsd(brief.customer.arr)}</dd>
              <dt>Seats</dt>
              <dd>{brief.customer.seats === null ? "—" : fmtInt(brief.customer.seats)}</dd>
              <dt>Industry</dt>
              <dd>{brief.customer.industry ?? "—"}</dd>
              <dt>Country</dt>
              <dd>{brief.customer.country ?? "—"}</dd>
              <dt>Signed up</dt>
              <dd>{fmtDay(brief.customer.signup_date)}</dd>
            </dl>
          </header>

          <section aria-labelledby="why-title">
            <h3 id="why-title">Why at risk</h3>
            {brief.score && brief.score.reasons.length > 0 ? (
              <ul className="reasons-list">
                {brief.score.reasons.map((r) => (
                  <li key={r.rule}>
                    <span>{r.text}</span> <span className="points">+{fmtInt(r.points)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{brief.score ? "No early-warning rule fired." : "Not scored yet."}</p>
            )}
            {brief.score ? <p className="muted small">Scored as of {fmtDay(brief.score.as_of)}</p> : null}
          </section>

          <BriefTickets tickets={brief.tickets} reasons={brief.score?.reasons ?? []} />

          <section aria-labelledby="actions-title">
            <h3 id="actions-title">Recommended actions</h3>
            {brief.score && brief.score.actions.length > 0 ? (
              <ol className="actions-list">
                {brief.score.actions.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ol>
            ) : (
              <p className="muted">No actions proposed.</p>
            )}
          </section>

          <Checklist customerId={customerId} steps={brief.checklist} onUpdated={onStep} />
          <OutreachDrafts drafts={brief.drafts} />
          <OutcomeLog customerId={customerId} outcomes={brief.outcomes} onLogged={onOutcome} />
        </>
      ) : null}
    </aside>
  );
}
