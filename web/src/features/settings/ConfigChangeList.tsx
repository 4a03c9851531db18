import type { ConfigChange } from "../../api/types.ts";

/** A setting's value as JSON; a path absent on one side is "unset". */
function fmtSetting(v: unknown): string {
  return v === undefined ? "(unset)" : JSON.stringify(v);
}

/** The changes of a config version, one per line: `path: from → to`. */
export function ConfigChangeList({ changes, label }: { changes: readonly ConfigChange[]; label?: string }) {
  if (changes.length === 0) return <p className="muted small">No setting changed.</p>;
  return (
    <ul className="config-changes mono small" aria-label={label}>
      {changes.map((c) => (
        <li key={c.path}>
          <span className="config-path">{c.path}</span>: {fmtSetting(c.from)} → {fmtSetting(c.to)}
        </li>
      ))}
    </ul>
  );
}
