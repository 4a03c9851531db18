import { useMutation, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, Fragment, useId, useState } from "react";
import { fmtDateTime, fmtInt } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { CustomerCell } from "../plays/CustomerCell.tsx";
import { useTacticNames } from "../plays/use-tactic-names.ts";
import {
  CHANNELS,
  OUTBOX_WRITE,
  type OutboxEntry,
  type OutboxParams,
  outboxApi,
  outboxQueries,
  STATUSES,
} from "./outbox-api.ts";
import { WebhooksPanel } from "./WebhooksPanel.tsx";
import "./outbox.css";

const route = getRouteApi("/outbox");
const PAGE = 50;

const STATUS_WORDS: Record<string, string> = {
  pending: "Pending",
  sending: "Sending",
  sent: "Sent",
  dead: "Dead",
  held: "Held for approval",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

/**
 * Every message and alert the plays and webhooks queued, with its delivery: filter by channel,
 * status, tactic or customer; open a row for its attempts; redeliver a dead one.
 */
export function OutboxPage() {
  const id = useId();
  const search = route.useSearch();
  const navigate = useNavigate();
  const page = Math.max(0, search.page ?? 0);
  const params: OutboxParams = {
    channel: search.channel,
    status: search.status,
    tactic: search.tactic,
    customer: search.customer,
    offset: page * PAGE,
    limit: PAGE,
  };
  const { data, error, refetch } = useQuery(outboxQueries.list(params));
  const [tacticText, setTacticText] = useState(search.tactic ?? "");
  const [customerText, setCustomerText] = useState(search.customer ?? "");
  const [open, setOpen] = useState<number | null>(null);

  const go = (next: Partial<typeof search>) => {
    const merged = { ...search, page: undefined, ...next };
    void navigate({
      to: "/outbox",
      search: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v !== "")),
      replace: true,
    });
  };
  const onText = (e: FormEvent) => {
    e.preventDefault();
    go({ tactic: tacticText.trim() || undefined, customer: customerText.trim() || undefined });
  };

  return (
    <section aria-labelledby="outbox-title" className="outbox">
      <div className="page-head">
        <h1 id="outbox-title">Outbox</h1>
      </div>
      <p className="muted small">
        Every email, SMS, Slack alert and webhook the plays and events queued, and each attempt to deliver it.
        Failed deliveries retry with backoff; a dead one can be redelivered.
      </p>
      <form className="filters outbox-filters" onSubmit={onText} aria-label="Outbox filters">
        <div className="field">
          <label htmlFor={`${id}-channel`}>Channel</label>
          <select
            id={`${id}-channel`}
            value={search.channel ?? ""}
            onChange={(e) => go({ channel: (e.target.value || undefined) as typeof search.channel })}
          >
            <option value="">Every channel</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {words(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            value={search.status ?? ""}
            onChange={(e) => go({ status: (e.target.value || undefined) as typeof search.status })}
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_WORDS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tactic`}>Tactic</label>
          <input
            id={`${id}-tactic`}
            value={tacticText}
            placeholder="Any tactic (slug)"
            onChange={(e) => setTacticText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-customer`}>Customer id</label>
          <input
            id={`${id}-customer`}
            value={customerText}
            placeholder="Any customer"
            onChange={(e) => setCustomerText(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="secondary">
            Filter
          </button>
        </div>
      </form>
      {error ? (
        <ErrorNotice error={error} title="Could not load the outbox" onRetry={() => void refetch()} />
      ) : null}
      {!data && !error ? <Loading what="the outbox" /> : null}
      {data && data.items.length === 0 ? <Empty>Nothing in the outbox matches</Empty> : null}
      {data && data.items.length > 0 ? (
        <>
          <p className="small" data-total={data.total}>
            <strong>{fmtInt(data.total)}</strong> {data.total === 1 ? "entry" : "entries"}
            {data.total > data.items.length
              ? `, showing ${fmtInt(data.offset + 1)}–${fmtInt(data.offset + data.items.length)}`
              : ""}
          </p>
          <div className="table-scroll">
            <table className="data-table" aria-label="Outbox">
              <thead>
                <tr>
                  <th scope="col">Channel</th>
                  <th scope="col">Status</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Tactic / event</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                  <th scope="col">Queued</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <Fragment key={e.id}>
                    <OutboxRow
                      entry={e}
                      open={open === e.id}
                      onToggle={() => setOpen(open === e.id ? null : e.id)}
                    />
                    {open === e.id ? (
                      <tr className="attempts-row">
                        <td colSpan={7}>
                          <Attempts id={e.id} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
          {data.total > PAGE ? (
            <div className="pager">
              <button
                type="button"
                className="secondary"
                disabled={page === 0}
                onClick={() => go({ page: page - 1 })}
              >
                Newer
              </button>
              <button
                type="button"
                className="secondary"
                disabled={data.offset + data.items.length >= data.total}
                onClick={() => go({ page: page + 1 })}
              >
                Older
              </button>
            </div>
          ) : null}
        </>
      ) : null}
      <WebhooksPanel />
    </section>
  );
}

function OutboxRow({
  entry: e,
  open,
  onToggle,
}: {
  entry: OutboxEntry;
  open: boolean;
  onToggle: () => void;
}) {
  const tacticName = useTacticNames();
  const redeliver = useMutation({ mutationFn: outboxApi.retry, meta: OUTBOX_WRITE });
  return (
    <tr data-status={e.status} data-id={e.id}>
      <td>{words(e.channel)}</td>
      <td>
        <span className={`outbox-status outbox-${e.status}`}>
          {STATUS_WORDS[e.status] ?? words(e.status)}
        </span>
        {e.last_error ? <span className="muted small block">{e.last_error}</span> : null}
        {e.status === "pending" && e.next_attempt_at ? (
          <span className="muted small block">Next try {fmtDateTime(e.next_attempt_at)}</span>
        ) : null}
      </td>
      <td>{e.customer_id ? <CustomerCell id={e.customer_id} /> : <span className="muted">Org</span>}</td>
      <td>
        {e.tactic ? tacticName(e.tactic) : null}
        <span className="muted small block">{words(e.step_id)}</span>
      </td>
      <td className="num">{fmtInt(e.attempts)}</td>
      <td className="nowrap">{fmtDateTime(e.created_at)}</td>
      <td className="nowrap">
        <button type="button" className="link-button" aria-expanded={open} onClick={onToggle}>
          {open ? "Hide attempts" : "Attempts"}
        </button>
        {e.status === "dead" ? (
          <button
            type="button"
            className="primary small-button"
            disabled={redeliver.isPending}
            onClick={() => redeliver.mutate(e.id)}
          >
            Redeliver
          </button>
        ) : null}
        {redeliver.error ? (
          <ErrorNotice
            error={redeliver.error}
            title={redeliver.error.status === 403 ? "This key may not redeliver" : "Not redelivered"}
          />
        ) : null}
      </td>
    </tr>
  );
}

function Attempts({ id }: { id: number }) {
  const { data, error } = useQuery(outboxQueries.detail(id));
  if (error) return <ErrorNotice error={error} title="Could not load the attempts" />;
  if (!data) return <Loading what="attempts" />;
  if (data.attempt_log.length === 0) return <p className="muted small">No delivery attempt yet.</p>;
  return (
    <table className="data-table attempts" aria-label={`Attempts of entry ${id}`}>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">At</th>
          <th scope="col">Result</th>
          <th scope="col">Code</th>
          <th scope="col" className="num">
            ms
          </th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        {data.attempt_log.map((a) => (
          <tr key={a.attempt}>
            <td>{a.attempt}</td>
            <td className="nowrap">{fmtDateTime(a.at)}</td>
            <td>{a.status === "ok" ? "Delivered" : a.status === "failed" ? "Failed" : "In flight"}</td>
            <td>{a.code ?? ""}</td>
            <td className="num">{a.latency_ms ?? ""}</td>
            <td>{a.error ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
