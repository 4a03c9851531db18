import { useState } from "react";
import { api } from "../api/client.ts";
import { toApiError } from "../api/http.ts";

/** Downloads the whole filtered list as CSV (fetched with the key, then saved through a Blob URL). */
export function ExportCsvButton({ query, fileName = "at-risk.csv" }: { query: string; fileName?: string }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const onClick = async () => {
    setState({ busy: true, error: null });
    try {
      const url = URL.createObjectURL(await api.exportCustomersCsv(query));
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ busy: false, error: null });
    } catch (e) {
      const err = toApiError(e);
      setState({
        busy: false,
        error: `${err.message}${err.requestId ? ` (request id ${err.requestId})` : ""}`,
      });
    }
  };

  return (
    <span className="export">
      <button type="button" className="secondary" onClick={onClick} disabled={state.busy}>
        {state.busy ? "Exporting…" : "Export CSV"}
      </button>
      {state.error ? (
        <span className="error-text" role="alert">
          Export failed: {state.error}. Try again; if it keeps failing, quote the request id.
        </span>
      ) : null}
    </span>
  );
}
