import { useState } from "react";
import { ApiError, apiJson } from "../api.ts";
import type { RecomputeResult } from "../api-types.ts";
import { ErrorNotice } from "./Status.tsx";

interface Props {
  customerId: string;
  onDone: (result: RecomputeResult) => void;
}

/** Recomputes every score of the customer now (needs a key that may act: admin, manager or CSM). */
export function RecomputeButton({ customerId, onDone }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const path = `/v1/customers/${encodeURIComponent(customerId)}/recompute`;
      onDone(await apiJson<RecomputeResult>(path, { method: "POST" }));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "network", String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="recompute">
      <button type="button" className="primary" onClick={run} disabled={busy} aria-busy={busy}>
        {busy ? "Recomputing…" : "Recompute now"}
      </button>
      {error ? <ErrorNotice error={error} title="Could not recompute" /> : null}
    </div>
  );
}
