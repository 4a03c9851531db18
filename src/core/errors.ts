/**
 * The one error model. Every failure the user can cause carries a stable code; the CLI prints
 * message and details, the API maps the code to a status in one place (api/errors.ts).
 */
export const ERROR_CODES = {
  invalid_config: "The configuration does not validate",
  invalid_input: "The input does not validate",
  import_failed: "The import was refused; nothing was written",
  not_found: "No such resource in this org",
  unauthorized: "Missing or unknown API key",
  forbidden: "The key's role may not do this",
  conflict: "The resource already exists or changed meanwhile",
  limit_exceeded: "A stated limit was exceeded",
  rate_limited: "Too many requests for this API key; retry after the stated time",
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class HoldfastError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly string[];
  constructor(code: ErrorCode, message: string, opts: { details?: readonly string[]; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "HoldfastError";
    this.code = code;
    this.details = opts.details ?? [];
  }
}
