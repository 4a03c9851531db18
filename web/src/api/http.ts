/** The one way the dashboard talks to /v1: Bearer key, JSON or error bodies, 401 signs out. */
import { currentKey, signOut } from "../features/auth/auth.ts";
import type { ErrorBody } from "./types.ts";

/** A failed call: HTTP status, the API's error code, message and detail lines, and the request id to quote. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly string[] = [],
    readonly requestId: string | null = null,
    /** What was asked, e.g. "GET /v1/reports/executive". */
    readonly request: string = "",
  ) {
    super(message);
  }
}

function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === "object" && v !== null && typeof (v as ErrorBody).message === "string";
}

/** Anything thrown by a call as an ApiError (a network failure has status 0). */
export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, "network", e instanceof Error ? e.message : String(e));
}

/** fetch with the key; a non-2xx answer becomes an ApiError carrying the body's message, details and request id. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const key = currentKey();
  if (key) headers.set("Authorization", `Bearer ${key}`);
  const request = `${init.method ?? "GET"} ${path.split("?")[0]}`;
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new ApiError(0, "network", "The server could not be reached", [], null, request);
  }
  if (res.ok) return res;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: keep the status text
  }
  const requestId = (isErrorBody(body) ? body.request_id : undefined) ?? res.headers.get("x-request-id");
  const err = isErrorBody(body)
    ? new ApiError(res.status, body.error, body.message, body.details ?? [], requestId, request)
    : new ApiError(
        res.status,
        "http_error",
        `${res.status} ${res.statusText || "request failed"}`,
        [],
        requestId,
        request,
      );
  if (res.status === 401) signOut(err.message);
  throw err;
}

export async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await apiFetch(path, init);
  return (await res.json()) as T;
}

export function sendJson<T>(method: "POST" | "PUT" | "PATCH", path: string, body: unknown): Promise<T> {
  return apiJson<T>(path, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** A query string from the set values only (undefined and "" are left out). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
