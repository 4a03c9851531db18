import { useState } from "react";
import { ApiError, apiJson } from "../api.ts";
import { JOB_STATUSES, type JobsOverview, type JobView } from "../api-types.ts";
import { fmtInt, words } from "../format.ts";
import type { Loaded } from "../useApi.ts";
import { JobTable } from "./JobTable.tsx";
import { ErrorNotice, Loading } from "./Status.tsx";

/** The org's job queue: counts by status, the latest jobs, the dead ones; Retry, Cancel and Refresh. */
export function JobsPanel({ overview }: { overview: Loaded<JobsOverview> }) {
  const [busyId, setBusyId] = useState<number | null>(null);
  const [actionError, setActionError] = useState<{ title: string; error: ApiError } | null>(null);
  const { data, error, loading, reload } = overview;

  const act = async (job: JobView, verb: "retry" | "cancel") => {
    setBusyId(job.id);
    setActionError(null);
    try {
      const path = `/v1/jobs/${job.id}${verb === "retry" ? "/retry" : ""}`;
      await apiJson<JobView>(path, { method: verb === "retry" ? "POST" : "DELETE" });
    } catch (e) {
      setActionError({
        title: `Could not ${verb} job ${job.id}`,
        error: e instanceof ApiError ? e : new ApiError(0, "network", String(e)),
      });
    } finally {
      setBusyId(null);
      reload();
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
      {loading && !data ? <Loading what="jobs" /> : null}
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
