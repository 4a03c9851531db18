import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { api } from "../../api/client.ts";
import { ApiError, toApiError } from "../../api/http.ts";
import type { ConfigSaved } from "../../api/types.ts";
import { ErrorNotice } from "../../ui/Status.tsx";
import { ConfigChangeList } from "./ConfigChangeList.tsx";

const EXAMPLE = '{"earlyWarning": {"levels": {"high": 55}}}';

/** The settings in the textarea as an object, or why they are not one (checked before anything is sent). */
function parseSettings(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; why: string } {
  if (!text.trim())
    return { ok: false, why: `Write the settings to change as a JSON object, e.g. ${EXAMPLE}` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, why: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, why: `The settings must be a JSON object, e.g. ${EXAMPLE}` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** Change settings: a JSON object deep-merged over the current config, with a reason; PUT /v1/config. */
export function ConfigEditor() {
  const id = useId();
  const save = useMutation({ mutationFn: api.saveConfig });
  const [text, setText] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<ConfigSaved | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const parsed = parseSettings(text);
    if (!parsed.ok) {
      setError(new ApiError(0, "invalid_json", parsed.why));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await save.mutateAsync({
        config: parsed.value,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setSaved(r);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="config-editor">
      <h3>Change settings</h3>
      <p className="muted small">
        A JSON object of the settings to change; it is merged over the current config (arrays replace). Saving
        makes a new version and rescores every customer.
      </p>
      <form className="config-form" onSubmit={onSubmit} aria-busy={busy}>
        <div className="field">
          <label htmlFor={`${id}-settings`}>Settings to change (JSON)</label>
          <textarea
            id={`${id}-settings`}
            className="mono"
            rows={6}
            spellCheck={false}
            placeholder={EXAMPLE}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason</label>
          <input
            id={`${id}-reason`}
            maxLength={500}
            placeholder="Why (kept in the version history)"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
      {error ? <ErrorNotice error={error} title="Not saved" /> : null}
      {saved ? <SavedNotice saved={saved} /> : null}
    </div>
  );
}

function SavedNotice({ saved }: { saved: ConfigSaved }) {
  return (
    <div className="notice notice-ok" role="status">
      {saved.unchanged ? (
        <p>
          <strong>Nothing changed:</strong> the settings already have these values (version {saved.version}).
        </p>
      ) : (
        <>
          <p>
            <strong>Saved version {saved.version}.</strong>{" "}
            {saved.changes.every((c) => c.path === "plays" || c.path.startsWith("plays."))
              ? "A plays tick is queued (plays settings move no score)."
              : "A refresh job is queued to rescore every customer."}
          </p>
          <ConfigChangeList changes={saved.changes} label={`Changes in version ${saved.version}`} />
        </>
      )}
    </div>
  );
}
