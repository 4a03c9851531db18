import { type UseQueryResult, useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client.ts";
import { type ApiError, toApiError } from "../../api/http.ts";
import { JOB_STATUSES, type JobsOverview, type JobView } from "../../api/types.ts";
import { fmtInt } from "../../ui/format.ts";
import { words } from "../../ui/labels.ts";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";
import { JobTable } from "./JobTable.tsx";

/** The org's job queue: counts by status, the latest jobs, the dead ones; Retry, Cancel and Refresh. */
export function JobsPanel({ overview }: { overview: UseQueryResult<JobsOverview, ApiError> }) {
  const [busyId, setBusyId] = useState<number | null>(null);
  const [actionError, setActionError] = useState<{ title: string; error: ApiError } | null>(null);
  const { data, error, isFetching: loading, isPending } = overview;
  const reload = () => void overview.refetch();
  const retry = useMutation({ mutationFn: api.retryJob });
  const cancel = useMutation({ mutationFn: api.cancelJob });

  const act = async (job: JobView, verb: "retry" | "cancel") => {
    setBusyId(job.id);
    setActionError(null);
    try {
      await (verb === "retry" ? retry : cancel).mutateAsync(job.id);
    } catch (e) {
      setActionError({
        title: `Could not ${verb} job ${job.id}`,
        error: toApiError(e),
      });
    } finally {
      setBusyId(null);
    }
  };
  const tableProps = {
    busyId,
    onRetry: (j: JobView) => void act(j, "retry"),
    onCancel: (j: JobView) => void act(j, "cancel"),
  };

  return (
    <section className="card" aria-labelledby="jobs-title">
      <div className="card-head">
        <h2 id="jobs-title">Jobs</h2>
        <button type="button" className="secondary small-button" onClick={reload} disabled={loading}>
          {loading && data ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      {error ? <ErrorNotice error={error} title="Could not load the jobs" /> : null}
      {actionError ? <ErrorNotice error={actionError.error} title={actionError.title} /> : null}
      {isPending && !error ? <Loading what="jobs" /> : null}
      {data ? (
        <>
          <dl className="figures" aria-label="Jobs by status">
            {JOB_STATUSES.map((s) => (
              <div key={s}>
                <dt>{words(s)}</dt>
                <dd>{fmtInt(data.counts[s] ?? 0)}</dd>
              </div>
            ))}
          </dl>
          <h3>Latest jobs</h3>
          <JobTable
            {...tableProps}
            jobs={data.jobs}
            caption="Latest jobs, newest first"
            empty="No jobs yet"
          />
          <h3>Dead jobs</h3>
          <p className="muted small">
            Jobs that used every attempt. Retry queues one again with a fresh set of attempts.
          </p>
          <JobTable {...tableProps} jobs={data.dead} caption="Dead jobs" empty="No dead jobs" />
        </>
      ) : null}
    </section>
  );
}
