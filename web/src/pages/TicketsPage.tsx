import { useId } from "react";
import { queryString } from "../api.ts";
import type { TicketList } from "../api-types.ts";
import { AnalysisRunPanel } from "../components/AnalysisRunPanel.tsx";
import { Empty, ErrorNotice, Loading } from "../components/Status.tsx";
import { TicketAnalyzer } from "../components/TicketAnalyzer.tsx";
import { TicketTable } from "../components/TicketTable.tsx";
import { TicketUploadForm } from "../components/TicketUploadForm.tsx";
import { hrefFor, navigate } from "../router.ts";
import { useApi } from "../useApi.ts";

const LIMIT = 100;

/** The list filter (kept in the address as `show`) and the API query it maps to. */
const SHOW = {
  all: { label: "All", query: {}, caption: "Tickets, newest first", empty: "No tickets yet" },
  unlinked: {
    label: "Unlinked only",
    query: { linked: "false" },
    caption: "Unlinked tickets, newest first",
    empty: "No unlinked tickets: every ticket is matched to a customer",
  },
  churn: {
    label: "Churn intent only",
    query: { churn_intent: "true" },
    caption: "Tickets with churn intent, newest first",
    empty: "No analyzed ticket shows churn intent",
  },
} as const;
type Show = keyof typeof SHOW;
const isShow = (v: string | null): v is Show => v !== null && Object.hasOwn(SHOW, v);

/** Tickets: analyze pasted text, run a batch analysis, upload a ticket CSV, and list the stored tickets. */
export function TicketsPage({ params }: { params: URLSearchParams }) {
  const id = useId();
  const raw = params.get("show");
  const show: Show = isShow(raw) ? raw : "all";
  const view = SHOW[show];
  const tickets = useApi<TicketList>(`/v1/tickets${queryString({ ...view.query, limit: LIMIT })}`);

  const onShow = (next: string) =>
    navigate(hrefFor("tickets", { show: next === "all" ? undefined : next }), { replace: true });

  return (
    <section aria-labelledby="tickets-title">
      <div className="page-head">
        <h1 id="tickets-title">Tickets</h1>
        <p className="muted">Support ticket text: what it says, and who it is from.</p>
      </div>
      <div className="two-col tickets-top">
        <TicketAnalyzer />
        <AnalysisRunPanel onFinished={tickets.reload} />
      </div>
      <TicketUploadForm onDone={tickets.reload} />
      <div className="card">
        <div className="card-head">
          <h2 id={`${id}-list`}>Stored tickets</h2>
          <div className="field field-inline">
            <label htmlFor={`${id}-show`}>Show</label>
            <select id={`${id}-show`} value={show} onChange={(e) => onShow(e.target.value)}>
              {(Object.keys(SHOW) as Show[]).map((k) => (
                <option key={k} value={k}>
                  {SHOW[k].label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted small">The newest {LIMIT} tickets that match.</p>
        {tickets.error ? <ErrorNotice error={tickets.error} title="Tickets" /> : null}
        {tickets.loading && !tickets.data ? <Loading what="tickets" /> : null}
        {tickets.data ? (
          tickets.data.items.length === 0 ? (
            <Empty>{view.empty}</Empty>
          ) : (
            <div className={tickets.loading ? "stale" : undefined} aria-busy={tickets.loading}>
              <TicketTable items={tickets.data.items} caption={view.caption} />
            </div>
          )
        ) : null}
      </div>
    </section>
  );
}
