import type { ApiError } from "../api.ts";

export function Loading({ what }: { what?: string }) {
  return (
    <p className="status" role="status" aria-live="polite">
      Loading{what ? ` ${what}` : ""}…
    </p>
  );
}

/** An API error: its message and detail lines. */
export function ErrorNotice({ error, title }: { error: ApiError; title?: string }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>
        {title ? <strong>{title}: </strong> : null}
        {error.message}
      </p>
      {error.details.length > 0 ? (
        <ul className="details">
          {error.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: string }) {
  return <p className="status empty">{children}</p>;
}
