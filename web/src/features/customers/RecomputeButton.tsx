import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client.ts";
import { type ApiError, toApiError } from "../../api/http.ts";
import type { RecomputeResult } from "../../api/types.ts";
import { ErrorNotice } from "../../ui/Status.tsx";

interface Props {
  customerId: string;
  onDone: (result: RecomputeResult) => void;
}

/** Recomputes every score of the customer now (needs a key that may act: admin, manager or CSM). */
export function RecomputeButton({ customerId, onDone }: Props) {
  const recompute = useMutation({ mutationFn: api.recompute });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await recompute.mutateAsync(customerId));
    } catch (e) {
      setError(toApiError(e));
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
