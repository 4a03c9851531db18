import { useMutation } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useId, useState } from "react";
import { api } from "../../api/client.ts";
import { type ApiError, toApiError } from "../../api/http.ts";
import type { AnalyzeTextResult } from "../../api/types.ts";

/** Seed 004's example ticket (a renewal priced beyond the customer's budget). */
export const SEED_TICKET =
  "We like the product, but the renewal quote is beyond our budget. We're a small team and cannot justify the cost increase. Is there a lower tier or discount available? If not, we may downgrade or cancel before renewal next month.";

/** Paste one ticket's text and see what the configured analyzer makes of it (nothing is stored). */
export function TicketAnalyzer() {
  // Analyzing pasted text stores nothing: no query to invalidate.
  const analyzeText = useMutation({ mutationFn: api.analyzeText, meta: { invalidates: [] } });
  const id = useId();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AnalyzeTextResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const blank = text.trim() === "";

  const analyze = async () => {
    if (blank || busy) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await analyzeText.mutateAsync({ text }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void analyze();
  };
  // Ctrl+Enter (or Cmd+Enter) analyzes without leaving the text box.
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void analyze();
    }
  };

  return (
    <div className="card">
      <h2 id={`${id}-title`}>Ticket Analyzer</h2>
      <p className="muted small">
        Paste one ticket; the configured analyzer returns its summary, category, sentiment, churn intent and a
        recommended action. Nothing is stored.
      </p>
      <form className="analyzer-form" onSubmit={onSubmit} aria-busy={busy}>
        <div className="field">
          <label htmlFor={`${id}-text`}>Ticket text</label>
          <textarea
            id={`${id}-text`}
            rows={6}
            value={text}
            maxLength={50_000}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <span id={`${id}-hint`} className="muted small">
            Ctrl+Enter analyzes.
          </span>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={blank || busy}>
            {busy ? "Analyzing…" : "Analyze"}
          </button>
          <button type="button" className="secondary small-button" onClick={() => setText(SEED_TICKET)}>
            Try the seed example
          </button>
        </div>
      </form>
      {busy ? (
        <p className="status" role="status">
          Analyzing…
        </p>
      ) : null}
      {result ? <AnalysisAnswer result={result} /> : null}
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>Analysis failed:</strong> {error.message}
          </p>
          {error.details.length > 0 ? (
            <ul className="details mono">
              {error.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function AnalysisAnswer({ result }: { result: AnalyzeTextResult }) {
  const by = (
    <p className="muted small answered-by">
      Answered by <span className="mono">{result.analyzer}</span> (
      <span className="mono">{result.version}</span>)
    </p>
  );
  if (result.error) {
    return (
      <div className="notice notice-error" role="alert">
        <p>
          <strong>The analyzer gave no answer:</strong> <span className="mono">{result.error}</span>
        </p>
        {by}
      </div>
    );
  }
  const { summary, category, sentiment, churn_intent, recommended_action } = result;
  return (
    <section aria-label="Analysis" className="analysis-answer">
      <pre className="json">
        {JSON.stringify({ summary, category, sentiment, churn_intent, recommended_action }, null, 2)}
      </pre>
      {by}
    </section>
  );
}
