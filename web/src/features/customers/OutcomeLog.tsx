import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { api } from "../../api/client.ts";
import { type ApiError, toApiError } from "../../api/http.ts";
import { type NewOutcomeBody, OUTCOME_KINDS, type Outcome, type OutcomeKind } from "../../api/types.ts";
import { fmtDateTime } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";
import { ErrorNotice } from "../../ui/Status.tsx";

interface Props {
  customerId: string;
  outcomes: readonly Outcome[];
  onLogged: (o: Outcome) => void;
}

/** What happened with this customer: a form to log an outcome and the log, newest first. */
export function OutcomeLog({ customerId, outcomes, onLogged }: Props) {
  const log = useMutation({
    mutationFn: (body: NewOutcomeBody) => api.logOutcome(customerId, body),
  });
  const id = useId();
  const [outcome, setOutcome] = useState<OutcomeKind>("contacted");
  const [notes, setNotes] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogged(await log.mutateAsync({ outcome, notes }));
      setNotes("");
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="outcomes-title">
      <h3 id="outcomes-title">Outcome log</h3>
      <form className="outcome-form" onSubmit={onSubmit}>
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <select
          id={`${id}-outcome`}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as OutcomeKind)}
        >
          {OUTCOME_KINDS.map((o) => (
            <option key={o} value={o}>
              {words(o)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea
          id={`${id}-notes`}
          rows={3}
          maxLength={5000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Saving…" : "Log outcome"}
        </button>
      </form>
      {error ? <ErrorNotice error={error} title="Could not log the outcome" /> : null}
      {outcomes.length === 0 ? (
        <p className="muted">No outcomes logged yet.</p>
      ) : (
        <ol className="outcomes" aria-label="Logged outcomes">
          {outcomes.map((o) => (
            <li key={o.id}>
              <div className="outcome-head">
                <strong>{words(o.outcome)}</strong>
                <span className="muted small">
                  {o.author} · <time dateTime={o.created_at}>{fmtDateTime(o.created_at)}</time>
                </span>
              </div>
              {o.notes ? <p className="outcome-notes">{o.notes}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
