import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api } from "../../api/client.ts";
import { type ApiError, toApiError } from "../../api/http.ts";
import type { AnalysisRun } from "../../api/types.ts";
import { fmtDateTime, fmtInt } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";

const POLL_MS = 500;

/** A whole number within [min, max] from an input's text, or null. */
function wholeNumber(text: string, min: number, max: number): number | null {
  const n = Number(text);
  return text.trim() !== "" && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/**
 * Starts a batch analysis of the stored tickets not analyzed yet, polls its progress every 500 ms
 * while it runs, and can cancel it (tickets done so far are kept). When a run ends, every query is refetched (tickets and scores changed).
 */
/** A run waiting for a worker or being worked on: poll it, offer Cancel. */
const inProgress = (run: AnalysisRun | null): boolean =>
  run?.status === "queued" || run?.status === "running";

export function AnalysisRunPanel() {
  const queryClient = useQueryClient();
  const start = useMutation({ mutationFn: api.startAnalysisRun });
  const stop = useMutation({ mutationFn: api.cancelAnalysisRun });
  const id = useId();
  const [limit, setLimit] = useState("100");
  const [timeoutSeconds, setTimeoutSeconds] = useState("60");
  const [run, setRun] = useState<AnalysisRun | null>(null);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // A failed poll stops polling; the form is usable again (the run may live on in the server).
  const running = inProgress(run) && error === null;

  // Poll while running: each answer (a new `run` object) schedules the next request.
  useEffect(() => {
    if (!run || !inProgress(run)) return;
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      api
        .analysisRun(run.id, ctrl.signal)
        .then(setRun)
        .catch((err: unknown) => {
          if (!ctrl.signal.aborted) setError(toApiError(err));
        });
    }, POLL_MS);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [run]);

  // Once a run leaves "running": refresh what depends on it (once per run).
  const finishedRun = useRef<string | null>(null);
  useEffect(() => {
    if (run && !inProgress(run) && finishedRun.current !== run.id) {
      finishedRun.current = run.id;
      setCancelling(false);
      void queryClient.invalidateQueries();
    }
  }, [run, queryClient]);

  const limitValue = wholeNumber(limit, 1, 1_000_000);
  const timeoutValue = wholeNumber(timeoutSeconds, 1, 600);
  const invalid = limitValue === null || timeoutValue === null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (invalid || running || starting) return;
    setStarting(true);
    setError(null);
    setRun(null);
    try {
      setRun(
        await start.mutateAsync({
          limit: limitValue,
          timeout_seconds: timeoutValue,
        }),
      );
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!run) return;
    setCancelling(true);
    try {
      // The answer may still say "running" while calls in flight stop; polling goes on until it ends.
      setRun(await stop.mutateAsync(run.id));
    } catch (err) {
      setCancelling(false);
      setError(toApiError(err));
    }
  };

  return (
    <div className="card">
      <h2>Batch analysis</h2>
      <p className="muted small">
        Analyzes the stored tickets with text that the current analyzer has not analyzed yet (or that failed
        last time), then rescores every customer.
      </p>
      <form className="run-form" onSubmit={onSubmit} aria-busy={starting || running}>
        <div className="field">
          <label htmlFor={`${id}-limit`}>Tickets to process</label>
          <input
            id={`${id}-limit`}
            type="number"
            min={1}
            max={1_000_000}
            step={1}
            required
            value={limit}
            aria-invalid={limitValue === null}
            onChange={(e) => setLimit(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-timeout`}>Timeout per ticket (seconds)</label>
          <input
            id={`${id}-timeout`}
            type="number"
            min={1}
            max={600}
            step={1}
            required
            value={timeoutSeconds}
            aria-invalid={timeoutValue === null}
            onChange={(e) => setTimeoutSeconds(e.target.value)}
          />
        </div>
        <div className="field field-actions">
          <button type="submit" className="primary" disabled={invalid || starting || running}>
            {starting ? "Starting…" : running ? "Running…" : "Run analysis"}
          </button>
        </div>
      </form>
      {invalid ? (
        <p className="error-text small" role="alert">
          Tickets to process: a whole number from 1 to 1,000,000; timeout: a whole number of seconds from 1 to
          600.
        </p>
      ) : null}
      {run ? <RunProgress run={run} cancelling={cancelling} onCancel={cancel} /> : null}
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>Analysis run:</strong> {error.message}
          </p>
        </div>
      ) : null}
    </div>
  );
}

function RunProgress({
  run,
  cancelling,
  onCancel,
}: {
  run: AnalysisRun;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const id = useId();
  const running = inProgress(run);
  return (
    <div className={`run-progress run-${run.status}`}>
      <div className="progress-row">
        <label htmlFor={`${id}-bar`} className="visually-hidden">
          Analysis progress
        </label>
        {/* Until the run knows its total the bar is indeterminate (no value). */}
        {run.total > 0 ? (
          <progress id={`${id}-bar`} value={run.done} max={run.total} />
        ) : running ? (
          <progress id={`${id}-bar`} />
        ) : (
          <progress id={`${id}-bar`} value={0} max={1} />
        )}
        <span className="progress-count mono">
          {fmtInt(run.done)} / {fmtInt(run.total)}
        </span>
        {running ? (
          <button type="button" className="secondary small-button" onClick={onCancel} disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Cancel"}
          </button>
        ) : null}
      </div>
      <div role="status" aria-live="polite">
        {running ? (
          <p className="muted small">
            {run.status === "queued" ? "Waiting for a worker" : "Running"} with{" "}
            <span className="mono">{run.analyzer}</span> since {fmtDateTime(run.started_at)}…
          </p>
        ) : (
          <div className={`notice ${run.status === "done" ? "notice-ok" : "notice-error"}`}>
            <p>
              <strong className="run-status">{words(run.status)}</strong>
              {": "}
              <span className="run-summary">
                Analyzed {fmtInt(run.analyzed)}, errors {fmtInt(run.errors)} (timeouts {fmtInt(run.timeouts)})
              </span>
            </p>
            {run.total === 0 && run.status === "done" ? (
              <p className="small">No stored ticket needed analysis.</p>
            ) : null}
            {run.message ? <p className="small">{run.message}</p> : null}
            <p className="muted small">
              Analyzer <span className="mono">{run.analyzer}</span>; finished {fmtDateTime(run.finished_at)}
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
