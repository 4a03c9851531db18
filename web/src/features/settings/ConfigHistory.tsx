import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client.ts";
import { type ApiError, toApiError } from "../../api/http.ts";
import type { ConfigSaved, ConfigVersion } from "../../api/types.ts";
import { fmtDateTime } from "../../ui/format.ts";
import { ErrorNotice } from "../../ui/Status.tsx";
import { ConfigChangeList } from "./ConfigChangeList.tsx";

interface Props {
  /** Newest first, as GET /v1/config/versions answers. */
  items: readonly ConfigVersion[];
  /** The version in force (0: the file defaults). */
  current: number;
}

/** Every config version, and version 0 (the file defaults) below them, each with Revert to this version. */
export function ConfigHistory({ items, current }: Props) {
  const revertTo = useMutation({ mutationFn: api.revertConfig });
  const [busy, setBusy] = useState<number | null>(null);
  const [done, setDone] = useState<ConfigSaved | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const revert = async (version: number) => {
    const what = version === 0 ? "version 0 (the file defaults)" : `version ${version}`;
    if (
      !window.confirm(`Revert the settings to ${what}? This saves a new version and rescores every customer.`)
    ) {
      return;
    }
    setBusy(version);
    setDone(null);
    setError(null);
    try {
      const r = await revertTo.mutateAsync(version);
      setDone(r);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  const action = (version: number) =>
    version === current ? (
      <span className="tag tag-current">Current</span>
    ) : (
      <button
        type="button"
        className="secondary small-button nowrap"
        disabled={busy !== null}
        onClick={() => void revert(version)}
      >
        {busy === version ? "Reverting…" : "Revert to this version"}
      </button>
    );

  return (
    <>
      {error ? <ErrorNotice error={error} title="Not reverted" /> : null}
      {done ? (
        <div className="notice notice-ok" role="status">
          <p>
            <strong>
              Saved version {done.version}: reverted to version {done.reverted_to ?? 0}.
            </strong>{" "}
            {done.changes.length === 1 ? "1 setting changed." : `${done.changes.length} settings changed.`}
          </p>
        </div>
      ) : null}
      <div className="table-scroll">
        <table className="data-table config-versions">
          <caption className="visually-hidden">Config versions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">When</th>
              <th scope="col">Author</th>
              <th scope="col">Reason</th>
              <th scope="col">Changes</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.version}>
                <th scope="row">{v.version}</th>
                <td className="nowrap">{fmtDateTime(v.at)}</td>
                <td>{v.author}</td>
                <td className="config-reason">
                  {v.reason}
                  {v.reverted_to !== null ? (
                    <span className="block muted small">
                      Reverted to version {v.reverted_to}
                      {v.reverted_to === 0 ? " (file defaults)" : ""}
                    </span>
                  ) : null}
                </td>
                <td>
                  <ConfigChangeList changes={v.changes} label={`Changes in version ${v.version}`} />
                </td>
                <td>{action(v.version)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">0</th>
              <td>—</td>
              <td>file</td>
              <td className="config-reason">File defaults (the config file the service started with)</td>
              <td>
                <span className="muted small">—</span>
              </td>
              <td>{action(0)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
