import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { api } from "../../api/client.ts";
import { ApiError, toApiError } from "../../api/http.ts";
import type { ImportResult } from "../../api/types.ts";
import { fmtInt } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";

/** Upload the five RavenStack CSVs (or one zip) as multipart; the answer or every refused line is shown. */
export function UploadForm() {
  const id = useId();
  const upload = useMutation({ mutationFn: api.uploadImport });
  const files = useRef<HTMLInputElement>(null);
  const [grain, setGrain] = useState("subscription");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = files.current?.files;
    if (!chosen || chosen.length === 0) {
      setError(new ApiError(0, "invalid_input", "Choose the five RavenStack CSV files or one zip first."));
      return;
    }
    const body = new FormData();
    body.append("grain", grain);
    for (const f of chosen) body.append("files", f, f.name);
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
      <h2>Upload data</h2>
      <p className="muted small">
        The five RavenStack CSV files (accounts, subscriptions, churn events, support tickets, feature usage)
        or one zip of them. Nothing is written unless every row is valid; a good import rescores every
        customer.
      </p>
      <form className="upload-form" onSubmit={onSubmit} aria-busy={busy}>
        <div className="field">
          <label htmlFor={`${id}-files`}>CSV files or zip</label>
          <input id={`${id}-files`} ref={files} type="file" accept=".csv,.zip" multiple />
        </div>
        <div className="field">
          <label htmlFor={`${id}-grain`}>Grain</label>
          <select id={`${id}-grain`} value={grain} onChange={(e) => setGrain(e.target.value)}>
            <option value="subscription">Subscription (one customer per subscription)</option>
            <option value="account">Account (one customer per account)</option>
          </select>
        </div>
        <div className="field field-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Uploading…" : "Upload"}
          </button>
        </div>
      </form>
      {busy ? (
        <p className="status" role="status">
          Importing and scoring…
        </p>
      ) : null}
      {result ? <ImportSummary result={result} /> : null}
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>Import failed:</strong> {error.message}
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

function ImportSummary({ result }: { result: ImportResult }) {
  const tables = Object.keys({ ...result.rows_read, ...result.written });
  return (
    <div className="notice notice-ok" role="status">
      <p>
        <strong>
          Import #{result.import_id}: {words(result.status)}
        </strong>{" "}
        ({result.grain} grain, {fmtInt(result.customers)} customers)
      </p>
      <table className="data-table compact">
        <caption className="visually-hidden">Rows read and written per table</caption>
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col" className="num">
              Rows read
            </th>
            <th scope="col" className="num">
              Rows written
            </th>
          </tr>
        </thead>
        <tbody>
          {tables.map((t) => (
            <tr key={t}>
              <th scope="row">{words(t)}</th>
              <td className="num">{t in result.rows_read ? fmtInt(result.rows_read[t] ?? 0) : "—"}</td>
              <td className="num">{t in result.written ? fmtInt(result.written[t] ?? 0) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
