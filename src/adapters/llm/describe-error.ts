/** Error strings stay short: they are stored per ticket and shown in tables. */
const MAX_DETAIL = 120;

/** "code" or "code: detail", on one line and capped. */
export function shortReason(code: string, detail?: string): string {
  const line = detail?.replace(/\s+/g, " ").trim();
  if (!line) return code;
  return `${code}: ${line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line}`;
}

/** The system error code (ECONNREFUSED, ENOTFOUND, ...) somewhere in an error's cause chain. */
export function systemErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

/** Fallback for errors neither client library classified: network failures, then anything else. */
export function describeOtherError(error: unknown): string {
  const code = systemErrorCode(error);
  if (code) return shortReason("connection_failed", code);
  if (error instanceof SyntaxError) return shortReason("invalid_response", error.message);
  return shortReason("request_failed", error instanceof Error ? error.message : String(error));
}
