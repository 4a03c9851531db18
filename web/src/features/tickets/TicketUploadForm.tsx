import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { api } from "../../api/client.ts";
import { ApiError, toApiError } from "../../api/http.ts";
import type { TicketImportResult } from "../../api/types.ts";
import { fmtInt } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";

/** Upload one ticket CSV (multipart field `file`); shows how rows were linked and which columns were used. */
export function TicketUploadForm() {
  const upload = useMutation({ mutationFn: api.uploadTickets });
  const id = useId();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TicketImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setResult(null);
      setError(new ApiError(0, "invalid_input", "Choose a ticket CSV file first."));
      return;
    }
    const body = new FormData();
    body.append("file", chosen, chosen.name);
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      // No Content-Type: the browser sets multipart/form-data with its boundary.
      setResult(await upload.mutateAsync(body));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card">
      <h2>Upload ticket CSV</h2>
      <p className="muted small">
        One CSV of support tickets with text: subject and body, or the best text column. Each ticket is tied
        to a customer by customer id, account id or a unique email domain, and left unlinked when nothing
        matches. Nothing is written unless every row is valid.
      </p>
      <form className="upload-form" onSubmit={onSubmit} aria-busy={busy}>
        <div className="field">
          <label htmlFor={`${id}-file`}>Ticket CSV file</label>
          <input id={`${id}-file`} ref={file} type="file" accept=".csv" />
        </div>
        <div className="field field-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Uploading…" : "Upload tickets"}
          </button>
        </div>
      </form>
      {busy ? (
        <p className="status" role="status">
          Importing tickets…
        </p>
      ) : null}
      {result ? <TicketImportSummary result={result} /> : null}
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>Upload failed:</strong> {error.message}
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

function TicketImportSummary({ result }: { result: TicketImportResult }) {
  const figures: [string, number][] = [
    ["Rows", result.rows],
    ["Linked by customer id", result.linked.customer_id],
    ["Linked by account id", result.linked.account_id],
    ["Linked by email domain", result.linked.email_domain],
    ["Unlinked", result.unlinked],
  ];
  if (result.truncated > 0) figures.push(["Text cut to the length limit", result.truncated]);
  return (
    <div className="notice notice-ok" role="status">
      <p>
        <strong>
          Ticket import #{result.import_id}: {words(result.status)}
        </strong>
      </p>
      <dl className="figures">
        {figures.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{fmtInt(n)}</dd>
          </div>
        ))}
      </dl>
      <h3 className="small-heading">Columns used</h3>
      <ul className="details mono small" aria-label="Columns used">
        {result.preview.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
