import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ErrorNotice } from "../../ui/Status.tsx";
import { PLAYS_WRITE, playsApi, type Task } from "./plays-api.ts";

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** Mark a task done, or snooze it until a day, with a note (manager or admin keys). */
export function TaskActions({ task }: { task: Task }) {
  const id = useId();
  const [note, setNote] = useState("");
  const [until, setUntil] = useState(tomorrow);
  const act = useMutation({ mutationFn: playsApi.taskAction, meta: PLAYS_WRITE });
  const n = note.trim() || undefined;
  return (
    <div className="task-actions">
      <label htmlFor={`${id}-note`} className="visually-hidden">
        Note for task {task.id}
      </label>
      <input
        id={`${id}-note`}
        placeholder="Note"
        maxLength={5000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button
        type="button"
        className="primary small-button"
        disabled={act.isPending}
        onClick={() => act.mutate({ id: task.id, action: "done", ...(n ? { note: n } : {}) })}
      >
        Done
      </button>
      <label htmlFor={`${id}-until`} className="visually-hidden">
        Snooze task {task.id} until
      </label>
      <input id={`${id}-until`} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
      <button
        type="button"
        className="secondary small-button"
        disabled={act.isPending || !until}
        onClick={() => act.mutate({ id: task.id, action: "snooze", until, ...(n ? { note: n } : {}) })}
      >
        Snooze
      </button>
      {act.error ? (
        <ErrorNotice
          error={act.error}
          title={act.error.status === 403 ? "Only a manager or admin key may change tasks" : "Not saved"}
        />
      ) : null}
    </div>
  );
}
