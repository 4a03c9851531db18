import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { fmtDateTime } from "../../ui/format.ts";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";
import { type Endpoint, EVENT_TYPES, WEBHOOKS_WRITE, webhookApi, webhookQueries } from "./outbox-api.ts";

/**
 * The org's webhook endpoints (admin keys): add one (its signing secret is shown once, here),
 * send a test event, delete. Their deliveries show in the outbox above (channel Webhook).
 */
export function WebhooksPanel() {
  const id = useId();
  const { data, error, refetch } = useQuery(webhookQueries.list());
  const [url, setUrl] = useState("");
  const [format, setFormat] = useState("holdfast");
  const [events, setEvents] = useState<string[]>(["score.band_changed", "play.fired"]);
  const create = useMutation({ mutationFn: webhookApi.create, meta: WEBHOOKS_WRITE });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ url: url.trim(), events, format, description: "" });
  };
  const forbidden = error?.status === 403;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Webhook endpoints</h2>
      <p className="muted small">
        Signed with <code>Holdfast-Signature</code> (HMAC-SHA256, Stripe's scheme, 5-minute replay window);
        see docs/webhooks.md for the payloads and a verification snippet.
      </p>
      {forbidden ? <p className="muted">Only an admin key manages webhook endpoints.</p> : null}
      {error && !forbidden ? (
        <ErrorNotice error={error} title="Could not load the endpoints" onRetry={() => void refetch()} />
      ) : null}
      {!data && !error ? <Loading what="endpoints" /> : null}
      {data && data.items.length > 0 ? (
        <ul className="endpoints">
          {data.items.map((ep) => (
            <EndpointItem key={ep.id} ep={ep} />
          ))}
        </ul>
      ) : null}
      {data && data.items.length === 0 ? <p className="muted">No endpoints yet.</p> : null}
      {data ? (
        <form className="endpoint-form" onSubmit={onSubmit} aria-label="Add a webhook endpoint">
          <div className="field">
            <label htmlFor={`${id}-url`}>Endpoint URL</label>
            <input
              id={`${id}-url`}
              type="url"
              required
              placeholder="https://example.com/holdfast"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-format`}>Format</label>
            <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="holdfast">Holdfast events</option>
              <option value="hubspot">HubSpot company properties</option>
              <option value="salesforce">Salesforce Account fields</option>
            </select>
          </div>
          <fieldset className="event-types">
            <legend>Events</legend>
            {EVENT_TYPES.map((t) => (
              <label key={t} className="check">
                <input
                  type="checkbox"
                  checked={events.includes(t)}
                  onChange={(e) =>
                    setEvents(e.target.checked ? [...events, t] : events.filter((x) => x !== t))
                  }
                />{" "}
                {t}
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={create.isPending || events.length === 0}>
              Add endpoint
            </button>
          </div>
        </form>
      ) : null}
      {create.error ? <ErrorNotice error={create.error} title="Endpoint not added" /> : null}
      {create.data ? (
        <div className="notice" role="status">
          <p>
            Endpoint {create.data.id} added. Its signing secret, shown only now:{" "}
            <code>{create.data.secret}</code> <CopyButton text={create.data.secret} what="the secret" />
          </p>
        </div>
      ) : null}
    </section>
  );
}

function EndpointItem({ ep }: { ep: Endpoint }) {
  const test = useMutation({ mutationFn: webhookApi.test, meta: WEBHOOKS_WRITE });
  const remove = useMutation({ mutationFn: webhookApi.remove, meta: WEBHOOKS_WRITE });
  return (
    <li data-endpoint={ep.id}>
      <strong>{ep.url}</strong>{" "}
      <span className="muted small">
        ({ep.format}, secret {ep.secret_hint})
      </span>
      <span className="muted small block">
        {ep.events.join(", ")} · added {fmtDateTime(ep.created_at)}
        {ep.enabled ? "" : " · disabled"}
      </span>
      <button
        type="button"
        className="secondary small-button"
        disabled={test.isPending}
        onClick={() => test.mutate(ep.id)}
      >
        Send test event
      </button>{" "}
      <button
        type="button"
        className="link-button"
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm(`Delete the endpoint ${ep.url}?`)) remove.mutate(ep.id);
        }}
      >
        Delete
      </button>
      {test.data ? (
        <span className="small block" role="status">
          Test: {test.data.status}
          {test.data.code ? ` (${test.data.code})` : ""}
          {test.data.error ? ` — ${test.data.error}` : ""}
        </span>
      ) : null}
      {test.error ? <ErrorNotice error={test.error} title="Test not sent" /> : null}
      {remove.error ? <ErrorNotice error={remove.error} title="Not deleted" /> : null}
    </li>
  );
}
