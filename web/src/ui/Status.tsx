import type { ApiError } from "../api/http.ts";

export function Loading({ what }: { what?: string }) {
  return (
    <p className="status" role="status" aria-live="polite">
      Loading{what ? ` ${what}` : ""}…
    </p>
  );
}

/** What the reader can do about a failure, by its status. */
export function whatToDo(error: ApiError): string {
  const s = error.status;
  if (s === 0) return "Check your connection and that the Holdfast server is running, then try again.";
  if (s === 400 || s === 422) return "Correct what is named above and try again.";
  if (s === 401) return "Sign in again with a valid API key.";
  if (s === 403) return "This needs a key with more rights (an admin key): sign in with one.";
  if (s === 404) return "It may have been removed or renamed: go back to the list and open it again.";
  if (s === 409) return "Someone changed it meanwhile: reload the page and try again.";
  if (s === 413) return "The upload is too large: send a smaller file.";
  if (s === 429) return "Too many requests: wait a minute, then try again.";
  return "Try again in a moment. If it keeps failing, give your administrator the request id below.";
}

interface ErrorProps {
  error: ApiError;
  /** What failed, e.g. "Could not load the Executive report". */
  title?: string;
  /** Offer "Try again" (e.g. a query's refetch). */
  onRetry?: () => void;
}

/** A failed call: what failed, the server's message and detail lines, what to do, and the request id. */
export function ErrorNotice({ error, title, onRetry }: ErrorProps) {
  const server =
    error.status >= 500 ? `The server failed (${error.status}): ${error.message}` : error.message;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{title ?? "Something failed"}</strong>
        {error.request ? <span className="muted small"> ({error.request})</span> : null}
      </p>
      <p>{server}</p>
      {error.details.length > 0 ? (
        <ul className="details">
          {error.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
      <p className="what-to-do">{whatToDo(error)}</p>
      {error.requestId ? (
        <p className="small request-id">
          Request id: <code>{error.requestId}</code>
        </p>
      ) : null}
      {onRetry ? (
        <button type="button" className="secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: string }) {
  return <p className="status empty">{children}</p>;
}
