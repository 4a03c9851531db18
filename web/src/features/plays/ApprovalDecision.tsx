import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { ErrorNotice } from "../../ui/Status.tsx";
import { type Approval, PLAYS_WRITE, playsApi } from "./plays-api.ts";

/** Approve or reject one pending approval, with the reason the API requires (checked here first). */
export function ApprovalDecision({ approval }: { approval: Approval }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const decide = useMutation({ mutationFn: playsApi.decideApproval, meta: PLAYS_WRITE });
  const submit = (action: "approve" | "reject") => (e?: FormEvent) => {
    e?.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    decide.mutate({ id: approval.id, action, reason: reason.trim() });
  };
  return (
    <form
      className="approval-form"
      onSubmit={submit("approve")}
      aria-label={`Decide approval ${approval.id}`}
    >
      <label htmlFor={`${id}-reason`} className="visually-hidden">
        Reason for approval {approval.id}
      </label>
      <input
        id={`${id}-reason`}
        placeholder="Reason (required)"
        maxLength={2000}
        value={reason}
        aria-invalid={missing}
        onChange={(e) => setReason(e.target.value)}
      />
      <span className="approval-buttons">
        <button type="submit" className="primary small-button" disabled={decide.isPending}>
          Approve
        </button>
        <button
          type="button"
          className="secondary small-button"
          disabled={decide.isPending}
          onClick={() => submit("reject")()}
        >
          Reject
        </button>
      </span>
      {missing ? (
        <span className="error-text small block" role="alert">
          Give a reason to approve or reject.
        </span>
      ) : null}
      {decide.error ? (
        <ErrorNotice
          error={decide.error}
          title={decide.error.status === 403 ? "Only a manager or admin key may decide" : "Not decided"}
        />
      ) : null}
    </form>
  );
}
