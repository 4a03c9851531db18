import type { JobView } from "../../api/types.ts";
import { fmtDateTime } from "../../ui/format.ts";
import { jobKindLabel, words } from "../../ui/labels.ts";
import { Empty } from "../../ui/Status.tsx";

const ERROR_CHARS = 80;

interface Props {
  jobs: readonly JobView[];
  caption: string;
  empty: string;
  /** The job whose action is in flight (its buttons are disabled). */
  busyId: number | null;
  onRetry: (job: JobView) => void;
  onCancel: (job: JobView) => void;
}

const canRetry = (j: JobView) => j.status === "dead" || j.status === "cancelled";
const canCancel = (j: JobView) => (j.status === "queued" || j.status === "running") && !j.cancel_requested;

/** Jobs with their attempts and last error (cut short; the full text is the cell's tooltip), and Retry or Cancel. */
export function JobTable({ jobs, caption, empty, busyId, onRetry, onCancel }: Props) {
  if (jobs.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div className="table-scroll">
      <table className="data-table jobs">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Attempts
            </th>
            <th scope="col">Run at</th>
            <th scope="col">Last error</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id}>
              <th scope="row">{j.id}</th>
              <td>{jobKindLabel(j.kind)}</td>
              <td className="nowrap">
                <span className={`tag tag-${j.status}`}>{words(j.status)}</span>
                {j.cancel_requested && j.status === "running" ? (
                  <span className="muted small"> (cancelling)</span>
                ) : null}
              </td>
              <td className="num">
                {j.attempts}/{j.max_attempts}
              </td>
              <td className="nowrap">{fmtDateTime(j.run_at)}</td>
              <td className="job-error">
                {j.last_error ? (
                  <span title={j.last_error}>
                    {j.last_error.length > ERROR_CHARS
                      ? `${j.last_error.slice(0, ERROR_CHARS)}…`
                      : j.last_error}
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="nowrap">
                {canRetry(j) ? (
                  <button
                    type="button"
                    className="secondary small-button"
                    aria-label={`Retry job ${j.id}`}
                    disabled={busyId === j.id}
                    onClick={() => onRetry(j)}
                  >
                    Retry
                  </button>
                ) : null}
                {canCancel(j) ? (
                  <button
                    type="button"
                    className="secondary small-button"
                    aria-label={`Cancel job ${j.id}`}
                    disabled={busyId === j.id}
                    onClick={() => onCancel(j)}
                  >
                    Cancel
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
