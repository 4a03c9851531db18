import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { queries } from "../../api/queries.ts";
import type { ChecklistStep, CustomerBrief, Outcome } from "../../api/types.ts";
import { fmtDay, fmtInt, fmtUsd } from "../../ui/format.ts";
import { LevelChip } from "../../ui/LevelChip.tsx";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";
import { BriefTickets } from "./BriefTickets.tsx";
import { Checklist } from "./Checklist.tsx";
import { OutcomeLog } from "./OutcomeLog.tsx";
import { OutreachDrafts } from "./OutreachDrafts.tsx";
import { RiskSummary } from "./RiskSummary.tsx";
import { StatusChip } from "./StatusChip.tsx";

/**
 * The level chips beside the status: churn risk tier, health band and lifecycle stage; a churned
 * customer shows only its stage (a live risk tier would contradict the churn).
 */
function chipKinds(brief: CustomerBrief) {
  const kinds = brief.customer.status === "churned" ? (["lifecycle_stage"] as const) : SCORE_CHIPS;
  return kinds.filter((k) => brief.scores[k]);
}
const SCORE_CHIPS = ["churn_risk", "health", "lifecycle_stage"] as const;

interface Props {
  customerId: string;
  onClose: () => void;
  /** The At-Risk query to come back to from the customer's own page (all scores, trends, lifecycle). */
  back?: string;
}

/** The CSM brief for one customer: who, why at risk, what to do, drafts to send, and what happened. */
export function CustomerBriefPanel({ customerId, onClose, back }: Props) {
  const queryClient = useQueryClient();
  const briefQuery = queries.customer(customerId);
  const { data, error, refetch } = useQuery(briefQuery);
  // A write's answer shows at once; the query client then refetches everything it may have changed.
  const setData = (update: (b: CustomerBrief) => CustomerBrief) =>
    queryClient.setQueryData(briefQuery.queryKey, (b) => (b ? update(b) : b));
  const brief = data?.customer.customer_id === customerId ? data : null;
  const heading = useRef<HTMLHeadingElement>(null);

  // Move focus to the brief when a customer's brief arrives (keyboard and screen-reader users land on it).
  const shownId = brief?.customer.customer_id;
  useEffect(() => {
    if (shownId) heading.current?.focus();
  }, [shownId]);

  // Escape closes the brief (unless something inside handled it, e.g. an open select).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  const onStep = (step: ChecklistStep) =>
    setData((b) => ({ ...b, checklist: b.checklist.map((s) => (s.id === step.id ? step : s)) }));
  const onOutcome = (o: Outcome) =>
    setData((b) => ({ ...b, outcomes: [o, ...b.outcomes.filter((x) => x.id !== o.id)] }));

  return (
    <aside className="brief card" aria-label="Customer brief">
      <div className="brief-top">
        <span className="muted small">Customer brief</span>
        <button type="button" className="link-button" onClick={onClose} aria-keyshortcuts="Escape">
          Close brief
        </button>
      </div>
      {error ? (
        <ErrorNotice
          error={error}
          title={`Could not load the brief of ${customerId}`}
          onRetry={() => void refetch()}
        />
      ) : null}
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
            <p className="brief-headline">{brief.headline}</p>
            <div className="brief-status">
              <StatusChip customer={brief.customer} />
            </div>
            <RiskSummary brief={brief} />
            {chipKinds(brief).length > 0 ? (
              <ul className="chip-row" aria-label="Current levels">
                {chipKinds(brief).map((k) => (
                  <li key={k}>
                    <LevelChip kind={k} level={brief.scores[k]?.level ?? ""} labelled />
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="brief-open-page">
              <Link to="/customers/$customerId" params={{ customerId }} search={{ back }}>
                Open customer page
              </Link>
            </p>
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
            <h3 id="why-title">{brief.headline_risk.label}: why</h3>
            {brief.score && brief.score.reasons.length > 0 ? (
              <ul className="reasons-list">
                {brief.score.reasons.map((r) => (
                  <li key={r.rule}>
                    <span>{r.text}</span> <span className="points">+{fmtInt(r.points)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">
                {brief.customer.status === "churned"
                  ? `Churned${brief.customer.churn_date ? ` on ${fmtDay(brief.customer.churn_date)}` : ""}${brief.customer.churn_reason_label ? ` (${brief.customer.churn_reason_label})` : ""}, ${fmtUsd(brief.customer.lost_arr ?? brief.customer.arr)} ARR lost: no live risk.`
                  : brief.score
                    ? "No risk signal fired."
                    : "Not scored yet."}
              </p>
            )}
            {brief.score ? <p className="muted small">Scored as of {fmtDay(brief.score.as_of)}</p> : null}
          </section>

          <BriefTickets tickets={brief.tickets} reasons={brief.score?.reasons ?? []} />

          <section aria-labelledby="actions-title">
            <h3 id="actions-title">
              {brief.customer.status === "churned" ? "Win-back actions" : "Recommended actions"}
            </h3>
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
