import { useState } from "react";
import { ApiError, apiFetch } from "../api.ts";

/** Downloads the whole filtered list as CSV (fetched with the key, then saved through a Blob URL). */
export function ExportCsvButton({ path, fileName = "at-risk.csv" }: { path: string; fileName?: string }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const onClick = async () => {
    setState({ busy: true, error: null });
    try {
      const res = await apiFetch(path);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: e instanceof ApiError ? e.message : String(e) });
    }
  };

  return (
    <span className="export">
      <button type="button" className="secondary" onClick={onClick} disabled={state.busy}>
        {state.busy ? "Exporting…" : "Export CSV"}
      </button>
      {state.error ? (
        <span className="error-text" role="alert">
          Export failed: {state.error}
        </span>
      ) : null}
    </span>
  );
}
