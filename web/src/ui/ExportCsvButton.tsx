import { useState } from "react";
import { toApiError } from "../api/http.ts";

/** Downloads a whole list as the API's CSV (fetched with the key, then saved through a Blob URL). */
export function ExportCsvButton({ fetchCsv, fileName }: { fetchCsv: () => Promise<Blob>; fileName: string }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const onClick = async () => {
    setState({ busy: true, error: null });
    try {
      const url = URL.createObjectURL(await fetchCsv());
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
