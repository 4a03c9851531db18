import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { fmtDecimal } from "../../ui/format.ts";
import { ErrorNotice } from "../../ui/Status.tsx";
import { playsApi, TACTIC_WRITE, type Tactic } from "./plays-api.ts";

/** A value the input holds, checked against the declared bounds before anything is sent. */
function check(name: string, text: string, spec: { min: number; max: number }): string | null {
  if (text.trim() === "") return `${name}: enter a number`;
  const v = Number(text);
  if (!Number.isFinite(v)) return `${name}: "${text}" is not a number`;
  if (v < spec.min || v > spec.max) return `${name}: must be between ${spec.min} and ${spec.max}`;
  return null;
}

/** The tactic's numeric parameters within their declared bounds, with a reason; a new config version. */
export function TacticParamsForm({ tactic: t }: { tactic: Tactic }) {
  const id = useId();
  const specs = Object.entries(t.param_specs);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(specs.map(([k]) => [k, String(t.params[k] ?? "")])),
  );
  const [reason, setReason] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const save = useMutation({ mutationFn: playsApi.saveTactic, meta: TACTIC_WRITE });
  if (specs.length === 0) return <p className="small muted">No tunable parameters.</p>;

  const changed = specs.filter(([k]) => Number(values[k]) !== t.params[k]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs = specs
      .map(([k, spec]) => check(spec.text || k, values[k] ?? "", spec))
      .filter((x): x is string => x !== null);
    setProblems(errs);
    if (errs.length > 0) return;
    save.mutate({
      slug: t.slug,
      params: Object.fromEntries(specs.map(([k]) => [k, Number(values[k])])),
      reason: reason.trim() || `Parameters of ${t.name} changed on the Plays page`,
    });
  };

  return (
    <form className="tactic-params" onSubmit={onSubmit} aria-label={`${t.name} parameters`}>
      <h4>Parameters</h4>
      {specs.map(([k, spec]) => (
        <div className="field" key={k}>
          <label htmlFor={`${id}-${k}`}>
            {spec.text || k}{" "}
            <span className="muted small">
              ({fmtDecimal(spec.min)} to {fmtDecimal(spec.max)}; default {fmtDecimal(spec.default)})
            </span>
          </label>
          <input
            id={`${id}-${k}`}
            type="number"
            inputMode="decimal"
            min={spec.min}
            max={spec.max}
            step="any"
            value={values[k] ?? ""}
            onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))}
          />
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <input
          id={`${id}-reason`}
          maxLength={500}
          placeholder="Why (kept in the config history)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending || changed.length === 0}>
          {save.isPending ? "Saving…" : "Save parameters"}
        </button>
      </div>
      {problems.length > 0 ? (
        <ul className="error-text small" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {save.error ? (
        <ErrorNotice
          error={save.error}
          title={save.error.status === 403 ? "Only an admin key may change parameters" : "Not saved"}
        />
      ) : null}
      {save.data && !save.error ? (
        <p className="small muted" role="status">
          {save.data.unchanged ? "Nothing changed" : `Saved as config version ${save.data.version}`}
        </p>
      ) : null}
    </form>
  );
}
