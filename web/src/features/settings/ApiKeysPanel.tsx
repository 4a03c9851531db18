import { type UseQueryResult, useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { api } from "../../api/client.ts";
import { type ApiError, toApiError } from "../../api/http.ts";
import type { ApiKeyCreated, ApiKeyList, ApiKeyView } from "../../api/types.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { fmtDateTime } from "../../ui/format.ts";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";

const ROLES = [
  "admin",
  "manager",
  "csm",
  "viewer",
  "ingest",
] as const satisfies readonly ApiKeyView["role"][];
const EXPIRY = [
  { days: 0, label: "Never" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
];

/** The org's API keys: create one (shown once, with a copy button), list them, revoke one after confirming. */
export function ApiKeysPanel({ keys }: { keys: UseQueryResult<ApiKeyList, ApiError> }) {
  const id = useId();
  const [name, setName] = useState("");
  const [role, setRole] = useState<ApiKeyView["role"]>("viewer");
  const [days, setDays] = useState(0);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [revoked, setRevoked] = useState<ApiKeyView | null>(null);
  const [error, setError] = useState<{ title: string; error: ApiError } | null>(null);
  const createKey = useMutation({ mutationFn: api.createKey });
  const revokeKey = useMutation({ mutationFn: api.revokeKey });

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    setRevoked(null);
    try {
      const body = { name: name.trim(), role, ...(days ? { expires_days: days } : {}) };
      setCreated(await createKey.mutateAsync(body));
      setName("");
    } catch (err) {
      setError({ title: "Key not created", error: toApiError(err) });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (k: ApiKeyView) => {
    if (!window.confirm(`Revoke the key "${k.name}" (${k.role})? Anything using it stops working at once.`))
      return;
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      setRevoked(await revokeKey.mutateAsync(k.id));
    } catch (err) {
      setError({ title: "Key not revoked", error: toApiError(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card api-keys" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>API keys</h2>
      <form className="key-form" onSubmit={create} aria-busy={busy}>
        <div className="field field-grow">
          <label htmlFor={`${id}-name`}>Key name</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={100}
            required
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. warehouse sync"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(e) => setRole(e.target.value as ApiKeyView["role"])}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-expires`}>Expires</label>
          <select id={`${id}-expires`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {EXPIRY.map((x) => (
              <option key={x.days} value={x.days}>
                {x.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy || name.trim() === ""}>
            Create key
          </button>
        </div>
      </form>
      {error ? <ErrorNotice error={error.error} title={error.title} /> : null}
      {created ? (
        <div className="notice notice-ok" role="status">
          <p>
            <strong>
              Created the {created.role} key "{created.name}".
            </strong>{" "}
            Copy it now: it is shown only once.
          </p>
          <p className="new-key">
            <label htmlFor={`${id}-new`} className="visually-hidden">
              New API key
            </label>
            <input id={`${id}-new`} className="mono" readOnly value={created.key} size={46} />{" "}
            <CopyButton text={created.key} what="the new key" />
          </p>
        </div>
      ) : null}
      {revoked ? (
        <div className="notice notice-ok" role="status">
          <p>Revoked the key "{revoked.name}".</p>
        </div>
      ) : null}
      {keys.error ? <ErrorNotice error={keys.error} title="Could not load the keys" /> : null}
      {keys.isPending && !keys.error ? <Loading what="keys" /> : null}
      {keys.data ? (
        <div className="table-scroll">
          <table className="data-table api-key-table">
            <caption className="visually-hidden">API keys, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Key</th>
                <th scope="col">Created by</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td>{k.role}</td>
                  <td className="mono">{k.prefix}…</td>
                  <td>{k.created_by ?? "—"}</td>
                  <td className="nowrap">{fmtDateTime(k.created_at)}</td>
                  <td className="nowrap">{k.last_used_at ? fmtDateTime(k.last_used_at) : "Never"}</td>
                  <td className="nowrap">{k.expires_at ? fmtDateTime(k.expires_at) : "Never"}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary small-button"
                      disabled={busy}
                      onClick={() => void revoke(k)}
                      aria-label={`Revoke key ${k.name}`}
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
