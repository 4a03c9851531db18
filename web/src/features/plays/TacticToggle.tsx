import { useMutation } from "@tanstack/react-query";
import { useId } from "react";
import { needsSurface } from "../../ui/labels.ts";
import { ErrorNotice } from "../../ui/Status.tsx";
import { playsApi, TACTIC_WRITE, type Tactic } from "./plays-api.ts";

/**
 * The tactic's switch: saved at once as a new config version (PUT /v1/config, admin keys only; the
 * API's refusal is shown). A tactic whose billing surface is missing cannot be switched on.
 */
export function TacticToggle({ tactic: t }: { tactic: Tactic }) {
  const id = useId();
  const save = useMutation({ mutationFn: playsApi.saveTactic, meta: TACTIC_WRITE });
  const blocked = t.missing_surfaces.length > 0;
  const on = t.switched_on && !blocked;
  const toggle = () =>
    save.mutate({
      slug: t.slug,
      enabled: !t.switched_on,
      reason: `${t.switched_on ? "Switched off" : "Switched on"} ${t.name} on the Plays page`,
    });
  return (
    <div className="tactic-toggle">
      <label htmlFor={`${id}-on`} className={blocked ? "muted" : undefined}>
        <input
          id={`${id}-on`}
          type="checkbox"
          role="switch"
          aria-checked={on}
          checked={on}
          disabled={blocked || save.isPending}
          aria-describedby={blocked ? `${id}-why` : undefined}
          aria-label={`${t.name} enabled`}
          onChange={toggle}
        />{" "}
        {save.isPending ? "Saving…" : on ? "On" : "Off"}
      </label>
      {blocked ? (
        <span id={`${id}-why`} className="small muted block">
          Cannot be switched on: {needsSurface(t.missing_surfaces)}
        </span>
      ) : null}
      {save.error ? (
        <ErrorNotice
          error={save.error}
          title={
            save.error.status === 403 ? "Only an admin key may switch tactics" : `Could not switch ${t.name}`
          }
        />
      ) : null}
      {save.data && !save.error ? (
        <span className="small muted block" role="status">
          {save.data.unchanged ? "Nothing changed" : `Saved as config version ${save.data.version}`}
        </span>
      ) : null}
    </div>
  );
}
