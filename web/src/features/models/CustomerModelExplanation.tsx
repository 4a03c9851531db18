import { useQuery } from "@tanstack/react-query";
import { toApiError } from "../../api/http.ts";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";
import { modelQueries } from "./models-api.ts";

/** The customer's churn-model contributions in words (the customer page; none without a promoted model). */
export function CustomerModelExplanation({ customerId }: { customerId: string }) {
  const q = useQuery(modelQueries.explanation(customerId));
  return (
    <section className="card" aria-labelledby="model-explanation-title">
      <h2 id="model-explanation-title">Why the churn model says so</h2>
      {q.error ? <ErrorNotice error={toApiError(q.error)} title="Could not load the explanation" /> : null}
      {q.isPending && !q.error ? <Loading what="the explanation" /> : null}
      {q.data && !q.data.model ? <p className="muted">{q.data.note}</p> : null}
      {q.data?.model ? (
        <>
          <p>
            Churn probability <strong>{((q.data.probability ?? 0) * 100).toFixed(1)}%</strong> within the
            horizon (churn model v{q.data.model.version}, as of {q.data.asOf}). Each feature's push on the
            log-odds:
          </p>
          <ul className="model-reasons">
            {q.data.reasons.map((r) => (
              <li key={r.feature} className={r.effect >= 0 ? "model-up" : "model-down"}>
                {r.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
