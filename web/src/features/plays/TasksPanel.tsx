import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { fmtDay } from "../../ui/format.ts";
import { playWords } from "../../ui/labels.ts";
import { Empty, ErrorNotice, Loading } from "../../ui/Status.tsx";
import { CustomerCell } from "./CustomerCell.tsx";
import { PlayChip } from "./PlayChip.tsx";
import { playsQueries, TASK_STATUSES, type TaskStatus } from "./plays-api.ts";
import { TaskActions } from "./TaskActions.tsx";
import { useTacticNames } from "./use-tactic-names.ts";

/** CSM tasks made by plays, by due date: filter by status and owner; done or snoozed with a note. */
export function TasksPanel() {
  const id = useId();
  const [status, setStatus] = useState<TaskStatus | "">("open");
  const [owner, setOwner] = useState("");
  const params = { status: status || undefined, owner: owner.trim() || undefined };
  const { data, error, refetch } = useQuery(playsQueries.tasks(params));
  const tacticName = useTacticNames();
  return (
    <section className="card" aria-labelledby="tasks-title">
      <div className="card-head">
        <h2 id="tasks-title">CSM tasks</h2>
      </div>
      <div className="filters plays-filters">
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => setStatus(e.target.value as TaskStatus | "")}
          >
            <option value="">All</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {playWords(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>Owner</label>
          <input
            id={`${id}-owner`}
            value={owner}
            placeholder="Any owner"
            onChange={(e) => setOwner(e.target.value)}
          />
        </div>
      </div>
      {error ? (
        <ErrorNotice error={error} title="Could not load the tasks" onRetry={() => void refetch()} />
      ) : null}
      {!data && !error ? <Loading what="tasks" /> : null}
      {data && data.items.length === 0 ? <Empty>No tasks match</Empty> : null}
      {data && data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table" aria-label="CSM tasks">
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Customer</th>
                <th scope="col">Why</th>
                <th scope="col">Owner</th>
                <th scope="col">Status</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((t) => (
                <tr key={t.id} data-task={t.id}>
                  <td className="nowrap">{fmtDay(t.due_on)}</td>
                  <td>
                    <CustomerCell id={t.customer_id} />
                  </td>
                  <td>
                    {t.reason}
                    <span className="muted small block">{tacticName(t.tactic)}</span>
                  </td>
                  <td>{t.owner ?? <span className="muted">{playWords(t.queue)} queue</span>}</td>
                  <td>
                    <PlayChip code={t.status} />
                    {t.snoozed_until ? (
                      <span className="muted small block">until {fmtDay(t.snoozed_until)}</span>
                    ) : null}
                    {t.note ? <span className="small block">{t.note}</span> : null}
                  </td>
                  <td>{t.status === "done" ? null : <TaskActions task={t} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
