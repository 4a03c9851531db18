import { useInfiniteQuery } from "@tanstack/react-query";
import { useId } from "react";
import { keys } from "../../api/queries.ts";
import { fmtDateTime, fmtDay } from "../../ui/format.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import type { TimelineEntry } from "./customer-types.ts";
import { customerQueries } from "./customers-api.ts";

/** Each kind of entry in words. */
const KIND_WORDS: Record<TimelineEntry["kind"], string> = {
  score_change: "Score crossing",
  level_change: "Level change",
  lifecycle: "Lifecycle",
  ticket: "Ticket",
  nps: "NPS",
  outcome: "Outcome",
  checklist: "Checklist",
  import: "Import",
  profile: "Profile",
  play: "Play",
  message: "Play message",
};

/** Midnight UTC: a fact known only by its day, shown as the day. */
const atText = (at: string) =>
  at.endsWith("T00:00:00.000Z") || at.endsWith("T00:00:00Z") ? fmtDay(at.slice(0, 10)) : fmtDateTime(at);

/** What happened to the customer, newest first, a page at a time ("Load more"). */
export function TimelineSection({ customerId }: { customerId: string }) {
  const id = useId();
  const q = useInfiniteQuery({
    queryKey: [...keys.customers, "timeline", customerId],
    queryFn: ({ pageParam }) => customerQueries.timelinePage(customerId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card timeline" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Timeline</h2>
      <p className="muted small">
        Score crossings, lifecycle changes, tickets, NPS, outcomes, checklist ticks and imports, newest first.
      </p>
      {q.error ? (
        <ErrorNotice error={q.error} title="Could not load the timeline" onRetry={() => void q.refetch()} />
      ) : null}
      {q.isPending && !q.error ? <Loading what="timeline" /> : null}
      {q.data && items.length === 0 ? <Empty>Nothing has happened to this customer yet</Empty> : null}
      {items.length > 0 ? (
        <ol className="timeline-list">
          {items.map((e) => (
            <li key={e.id} id={`timeline-${e.id}`} data-kind={e.kind}>
              <time dateTime={e.at} className="muted small nowrap">
                {atText(e.at)}
              </time>
              <span className="timeline-kind small">{KIND_WORDS[e.kind] ?? e.kind}</span>
              <span className="timeline-title">{e.title}</span>
              {e.detail ? <span className="muted small block">{e.detail}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {q.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          onClick={() => void q.fetchNextPage()}
          disabled={q.isFetchingNextPage}
        >
          {q.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : null}
      {q.data ? (
        <p className="muted small" aria-live="polite">
          {items.length} {items.length === 1 ? "entry" : "entries"} shown
          {q.hasNextPage ? "" : ", the whole timeline"}
        </p>
      ) : null}
    </section>
  );
}
