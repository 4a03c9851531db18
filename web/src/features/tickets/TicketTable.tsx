import { Link } from "@tanstack/react-router";
import type { TicketItem } from "../../api/types.ts";
import { fmtDateTime, fmtDay } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";
import { TicketCorrection } from "./TicketCorrection.tsx";

/** A day (YYYY-MM-DD) as written, or a timestamp in the reader's zone. */
const fmtSubmitted = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? fmtDay(s) : fmtDateTime(s));

const LINKED_BY: Record<string, string> = {
  customer_id: "by customer id",
  account_id: "by account id",
  email_domain: "by email domain",
};

function Owner({ t }: { t: TicketItem }) {
  if (t.account_id === null) {
    return (
      <span className="tag tag-unlinked" title="Not matched to a customer">
        Unlinked<span className="visually-hidden"> (not matched to a customer)</span>
      </span>
    );
  }
  return (
    <>
      {t.customer_id ? (
        <Link className="mono" to="/at-risk" search={{ customer: t.customer_id }}>
          {t.customer_id}
        </Link>
      ) : (
        <span className="mono">{t.account_id}</span>
      )}
      {t.customer_id ? <span className="muted small block mono">{t.account_id}</span> : null}
      {t.linked_by ? (
        <span className="muted small block">{LINKED_BY[t.linked_by] ?? t.linked_by}</span>
      ) : null}
    </>
  );
}

function ChurnIntent({ value }: { value: boolean | null | undefined }) {
  if (value === true) return <span className="tag tag-churned">Yes</span>;
  if (value === false) return <>No</>;
  return <span className="muted">—</span>;
}

/** The tickets, newest first: linkage, the analysis's category, sentiment and churn intent, and who answered. */
export function TicketTable({ items, caption }: { items: readonly TicketItem[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table tickets">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Submitted</th>
            <th scope="col">Customer or account</th>
            <th scope="col">Subject</th>
            <th scope="col">Category</th>
            <th scope="col">Sentiment</th>
            <th scope="col">Churn intent</th>
            <th scope="col">Analyzer</th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => {
            const a = t.analysis;
            return (
              <tr key={t.id}>
                <th scope="row" className="mono">
                  {t.id}
                </th>
                <td className="nowrap">{fmtSubmitted(t.submitted_at)}</td>
                <td>
                  <Owner t={t} />
                </td>
                <td className="subject" title={t.body ?? undefined}>
                  {t.subject ?? (t.body ? <span className="muted">{t.body.slice(0, 80)}</span> : "—")}
                  {a && !a.error ? (
                    <TicketCorrection ticketId={t.id} category={a.category} churnIntent={a.churn_intent} />
                  ) : null}
                </td>
                <td>{a?.category ? words(a.category) : <span className="muted">—</span>}</td>
                <td>
                  {a?.sentiment ? (
                    <span className={`tag tag-${a.sentiment}`}>{words(a.sentiment)}</span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  <ChurnIntent value={a?.churn_intent} />
                </td>
                <td>
                  {a ? (
                    <>
                      <span className="mono">{a.analyzer}</span>
                      {a.error ? <span className="error-text small block">{a.error}</span> : null}
                    </>
                  ) : t.subject || t.body ? (
                    <span className="muted">Not analyzed</span>
                  ) : (
                    <span className="muted">No text</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
