import { useMutation } from "@tanstack/react-query";
import { useId } from "react";
import { words } from "../../ui/labels.ts";
import { ErrorNotice } from "../../ui/Status.tsx";
import { DEAL_STAGES, type Deal, PLAYS_WRITE, playsApi } from "./plays-api.ts";

/** A deal's stage, movable by a manager or admin; won and lost are final. */
export function DealStageSelect({ deal }: { deal: Deal }) {
  const id = useId();
  const move = useMutation({ mutationFn: playsApi.moveDeal, meta: PLAYS_WRITE });
  const closed = deal.stage === "won" || deal.stage === "lost";
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        Stage of deal {deal.id}
      </label>
      <select
        id={id}
        value={deal.stage}
        disabled={closed || move.isPending}
        onChange={(e) => move.mutate({ id: deal.id, stage: e.target.value })}
      >
        {DEAL_STAGES.map((s) => (
          <option key={s} value={s}>
            {words(s)}
          </option>
        ))}
      </select>
      {move.error ? (
        <ErrorNotice
          error={move.error}
          title={move.error.status === 403 ? "Only a manager or admin key may move deals" : "Not saved"}
        />
      ) : null}
    </>
  );
}
