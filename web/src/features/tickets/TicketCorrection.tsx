import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type {
  TicketCorrectionBody,
  TicketCorrection as TicketCorrectionSchema,
} from "../../../../src/contracts/ticket-corrections.ts";
import { type ApiError, sendJson, toApiError } from "../../api/http.ts";
import { keys } from "../../api/queries.ts";
import { words } from "../../ui/labels.ts";
import { ErrorNotice } from "../../ui/Status.tsx";

type Category = NonNullable<TicketCorrectionBody["category"]>;
type Saved = import("zod").infer<typeof TicketCorrectionSchema>;
/** Every category (a Record, so a new category in the contract fails the build until it is listed). */
const CATEGORY_SET: Record<Category, true> = {
  billing: true,
  bug: true,
  onboarding: true,
  performance: true,
  feature_request: true,
  account: true,
  expansion: true,
  other: true,
};
const CATEGORIES = Object.keys(CATEGORY_SET) as Category[];

/**
 * "Wrong category / wrong churn intent" on one analyzed ticket: a CSM (or above) says what the
 * analysis should have been. Stored and audited; the classifier trains on it at the next analysis run.
 */
export function TicketCorrection({
  ticketId,
  category,
  churnIntent,
}: {
  ticketId: string;
  category: string | null | undefined;
  churnIntent: boolean | null | undefined;
}) {
  const id = useId();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [cat, setCat] = useState<string>("");
  const [intent, setIntent] = useState<"" | "yes" | "no">("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const save = useMutation({
    mutationFn: (body: TicketCorrectionBody) =>
      sendJson<Saved>("POST", `/v1/tickets/${encodeURIComponent(ticketId)}/correction`, body),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: keys.tickets });
      await qc.invalidateQueries({ queryKey: keys.customers });
    },
  });

  if (!open) {
    return (
      <div className="ticket-correction">
        <button type="button" className="link-button small" onClick={() => setOpen(true)}>
          Wrong category or churn intent?
        </button>
        {saved ? (
          <p className="small muted" role="status">
            Correction saved
            {saved.category ? `: ${words(saved.category)}` : ""}
            {saved.churn_intent !== null ? `; churn intent ${saved.churn_intent ? "yes" : "no"}` : ""}. It
            counts at the next analysis run.
          </p>
        ) : null}
      </div>
    );
  }

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const body: TicketCorrectionBody = {
      ...(cat ? { category: cat as Category } : {}),
      ...(intent ? { churn_intent: intent === "yes" } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    try {
      setSaved(await save.mutateAsync(body));
      setOpen(false);
    } catch (err) {
      setError(toApiError(err));
    }
  };

  return (
    <form className="ticket-correction" onSubmit={submit} aria-label={`Correct ticket ${ticketId}`}>
      <label htmlFor={`${id}-cat`}>Category</label>
      <select id={`${id}-cat`} value={cat} onChange={(e) => setCat(e.target.value)}>
        <option value="">Keep {category ? words(category) : "as is"}</option>
        {CATEGORIES.filter((c) => c !== category).map((c) => (
          <option key={c} value={c}>
            {words(c)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-intent`}>Churn intent</label>
      <select
        id={`${id}-intent`}
        value={intent}
        onChange={(e) => setIntent(e.target.value as "" | "yes" | "no")}
      >
        <option value="">Keep {churnIntent === true ? "yes" : churnIntent === false ? "no" : "as is"}</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
      <label htmlFor={`${id}-note`}>Note</label>
      <input id={`${id}-note`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" className="primary" disabled={save.isPending || (!cat && !intent)}>
        {save.isPending ? "Saving…" : "Save correction"}
      </button>
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error ? <ErrorNotice error={error} title="Could not save the correction" /> : null}
    </form>
  );
}
