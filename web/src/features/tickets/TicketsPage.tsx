import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useId } from "react";
import { queries } from "../../api/queries.ts";
import { TICKET_SHOWS } from "../../search-params.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { AnalysisRunPanel } from "./AnalysisRunPanel.tsx";
import { TicketAnalyzer } from "./TicketAnalyzer.tsx";
import { TicketTable } from "./TicketTable.tsx";
import { TicketUploadForm } from "./TicketUploadForm.tsx";

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
type Show = (typeof TICKET_SHOWS)[number];
const route = getRouteApi("/tickets");

/** Tickets: analyze pasted text, run a batch analysis, upload a ticket CSV, and list the stored tickets. */
export function TicketsPage() {
  const id = useId();
  const show: Show = route.useSearch().show ?? "all";
  const navigate = route.useNavigate();
  const view = SHOW[show];
  const tickets = useQuery({
    ...queries.tickets({ ...view.query, limit: LIMIT }),
    placeholderData: keepPreviousData,
  });
  const loading = tickets.isFetching;

  const onShow = (next: Show) =>
    void navigate({ to: "/tickets", search: { show: next === "all" ? undefined : next }, replace: true });

  return (
    <section aria-labelledby="tickets-title">
      <div className="page-head">
        <h1 id="tickets-title">Tickets</h1>
        <p className="muted">Support ticket text: what it says, and who it is from.</p>
      </div>
      <div className="two-col tickets-top">
        <TicketAnalyzer />
        <AnalysisRunPanel />
      </div>
      <TicketUploadForm />
      <div className="card">
        <div className="card-head">
          <h2 id={`${id}-list`}>Stored tickets</h2>
          <div className="field field-inline">
            <label htmlFor={`${id}-show`}>Show</label>
            <select id={`${id}-show`} value={show} onChange={(e) => onShow(e.target.value as Show)}>
              {TICKET_SHOWS.map((k) => (
                <option key={k} value={k}>
                  {SHOW[k].label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted small">The newest {LIMIT} tickets that match.</p>
        {tickets.error ? (
          <ErrorNotice
            error={tickets.error}
            title="Could not load the tickets"
            onRetry={() => void tickets.refetch()}
          />
        ) : null}
        {tickets.isPending && !tickets.error ? <Loading what="tickets" /> : null}
        {tickets.data ? (
          tickets.data.items.length === 0 ? (
            <Empty>{view.empty}</Empty>
          ) : (
            <div className={loading ? "stale" : undefined} aria-busy={loading}>
              <TicketTable items={tickets.data.items} caption={view.caption} />
            </div>
          )
        ) : null}
      </div>
    </section>
  );
}
