import { useId, useState } from "react";
import type { CustomerBrief } from "../../api/types.ts";
import { fmtDateTime, fmtDay } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";
import { TicketCorrection } from "../tickets/TicketCorrection.tsx";

type BriefTicket = CustomerBrief["tickets"][number];
type Reason = NonNullable<CustomerBrief["score"]>["reasons"][number];

/** Tickets shown before "Show all". */
const FIRST = 5;

/** A day (YYYY-MM-DD) as written, or a timestamp in the reader's zone. */
const fmtSubmitted = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? fmtDay(s) : fmtDateTime(s));

/** The summary without the subject it starts with (analyzers read "subject body"). */
function summaryText(t: BriefTicket): string | null {
  const { subject, summary } = t;
  if (!summary || summary === subject) return null;
  if (subject && summary.startsWith(`${subject} `)) return summary.slice(subject.length + 1);
  return summary;
}

/** Did the churn-intent rule fire (cancellation language in the window's tickets)? */
export const intentReasonFired = (reasons: readonly Reason[]) =>
  reasons.some((r) => r.rule === "churnIntent" || r.kind === "intent");

/**
 * The account's recent tickets with their analysis (newest first): the evidence behind the support
 * and churn-intent reasons. When the churn-intent reason fired, the tickets with churn intent are
 * highlighted and say so in words, not only in colour.
 */
export function BriefTickets({
  tickets,
  reasons,
}: {
  tickets: readonly BriefTicket[];
  reasons: readonly Reason[];
}) {
  const id = useId();
  const [all, setAll] = useState(false);
  const intentFired = intentReasonFired(reasons);
  const shown = all ? tickets : tickets.slice(0, FIRST);

  return (
    <section aria-labelledby={`${id}-title`} className="brief-tickets">
      <h3 id={`${id}-title`}>Tickets behind the reasons</h3>
      {tickets.length === 0 ? (
        <p className="muted">No tickets from this account.</p>
      ) : (
        <>
          {intentFired ? (
            <p className="small">Highlighted: the tickets whose language fired the churn-intent reason.</p>
          ) : null}
          <ul id={`${id}-list`} className="brief-ticket-list" aria-labelledby={`${id}-title`}>
            {shown.map((t) => {
              const highlight = intentFired && t.churn_intent === true;
              const analyzed = t.category !== null || t.sentiment !== null || t.churn_intent !== null;
              return (
                <li key={t.id} className={highlight ? "brief-ticket intent" : "brief-ticket"}>
                  <div className="brief-ticket-meta">
                    <time dateTime={t.submitted_at} className="nowrap">
                      {fmtSubmitted(t.submitted_at)}
                    </time>
                    <span className="mono muted small">{t.id}</span>
                    {t.category ? <span className="tag">{words(t.category)}</span> : null}
                    {t.sentiment ? (
                      <span className={`tag tag-${t.sentiment}`}>
                        <span className="visually-hidden">Sentiment: </span>
                        {words(t.sentiment)}
                      </span>
                    ) : null}
                    {t.churn_intent ? <span className="tag tag-churned">Churn intent</span> : null}
                    {!analyzed ? <span className="muted small">Not analyzed</span> : null}
                  </div>
                  {t.subject ? <p className="brief-ticket-subject">{t.subject}</p> : null}
                  {summaryText(t) ? <p className="brief-ticket-summary">{summaryText(t)}</p> : null}
                  {!t.subject && !t.summary ? <p className="muted small">(no subject)</p> : null}
                  {highlight ? <p className="intent-note small">Behind the churn-intent reason</p> : null}
                  {analyzed ? (
                    <TicketCorrection ticketId={t.id} category={t.category} churnIntent={t.churn_intent} />
                  ) : null}
                </li>
              );
            })}
          </ul>
          {tickets.length > FIRST ? (
            <button
              type="button"
              className="link-button"
              aria-expanded={all}
              aria-controls={`${id}-list`}
              onClick={() => setAll((v) => !v)}
            >
              {all ? `Show the latest ${FIRST}` : `Show all ${tickets.length} tickets`}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
