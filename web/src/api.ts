/** The one way the dashboard talks to /v1: Bearer key, JSON or error bodies, 401 signs out. */
import type { ErrorBody } from "./api-types.ts";
import { currentKey, signOut } from "./auth.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === "object" && v !== null && typeof (v as ErrorBody).message === "string";
}

/** fetch with the key; a non-2xx answer becomes an ApiError carrying the body's message and details. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const key = currentKey();
  if (key) headers.set("Authorization", `Bearer ${key}`);
  const res = await fetch(path, { ...init, headers });
  if (res.ok) return res;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: keep the status text
  }
  const err = isErrorBody(body)
    ? new ApiError(res.status, body.error, body.message, body.details ?? [])
    : new ApiError(res.status, "http_error", `${res.status} ${res.statusText || "request failed"}`);
  if (res.status === 401) signOut(err.message);
  throw err;
}

export async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await apiFetch(path, init);
  return (await res.json()) as T;
}

export function sendJson<T>(method: "POST" | "PUT", path: string, body: unknown): Promise<T> {
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
