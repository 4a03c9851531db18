import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client.ts";
import { toApiError } from "../../api/http.ts";
import type { ChecklistStep } from "../../api/types.ts";
import { fmtDateTime, fmtDay } from "../../ui/format.ts";

interface Props {
  customerId: string;
  steps: readonly ChecklistStep[];
  onUpdated: (step: ChecklistStep) => void;
}

/** Steps by due day, soonest first (steps due the same day keep the server's order). */
export function byDue(steps: readonly ChecklistStep[]): ChecklistStep[] {
  return [...steps].sort((a, b) => a.due.localeCompare(b.due));
}

/**
 * The next-best-action checklist, in due order: a tick shows at once and is saved at once; the answer replaces the
 * step (who and when), and a refusal puts the box back and says why.
 */
export function Checklist({ customerId, steps, onUpdated }: Props) {
  // Steps being saved, with the state asked for.
  const [pending, setPending] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: ({ step, done }: { step: ChecklistStep; done: boolean }) =>
      api.setChecklistStep(customerId, step.id, { done }),
  });

  const toggle = async (step: ChecklistStep, done: boolean) => {
    setError(null);
    setPending((p) => new Map(p).set(step.id, done));
    try {
      onUpdated(await save.mutateAsync({ step, done }));
    } catch (e) {
      const err = toApiError(e);
      const id = err.requestId ? ` (request id ${err.requestId})` : "";
      setError(`Could not save "${step.title}": ${err.message}${id}. Try again.`);
    } finally {
      setPending((p) => {
        const n = new Map(p);
        n.delete(step.id);
        return n;
      });
    }
  };

  const isDone = (s: ChecklistStep) => pending.get(s.id) ?? s.done;
  const doneCount = steps.filter(isDone).length;
  return (
    <section aria-labelledby="checklist-title">
      <h3 id="checklist-title">
        Next-best-action checklist{" "}
        <span className="muted small">
          {doneCount} of {steps.length} done
        </span>
      </h3>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {steps.length === 0 ? <p className="muted">No steps for this customer.</p> : null}
      <ul className="checklist">
        {byDue(steps).map((s) => {
          const id = `step-${s.id}`;
          return (
            <li key={s.id} className={isDone(s) ? "done" : undefined} aria-busy={pending.has(s.id)}>
              <input
                id={id}
                type="checkbox"
                checked={isDone(s)}
                disabled={pending.has(s.id)}
                onChange={(e) => toggle(s, e.target.checked)}
                aria-describedby={`${id}-meta`}
              />
              <label htmlFor={id}>{s.title}</label>
              <span id={`${id}-meta`} className="step-meta muted small">
                Due {fmtDay(s.due)}
                {pending.has(s.id)
                  ? " · saving…"
                  : s.done && s.done_by
                    ? ` · done by ${s.done_by} ${fmtDateTime(s.done_at)}`
                    : ""}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
