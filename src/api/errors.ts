import type { ErrorCode } from "../core/errors.ts";

/** The one mapping from error codes to HTTP statuses. */
const STATUS: Record<ErrorCode, number> = {
  invalid_config: 422,
  invalid_input: 400,
  import_failed: 422,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  limit_exceeded: 413,
  rate_limited: 429,
};

export const statusOf = (code: ErrorCode): number => STATUS[code];
