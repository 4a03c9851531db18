import type { FastifyReply, FastifyRequest } from "fastify";
import { ID_MAX_LENGTH } from "../core/limits.ts";

/** The largest request body the API reads (multipart uploads have their own limits). */
export const BODY_LIMIT = 1 << 20;
/**
 * The longest path parameter, as sent (percent-encoded): an id of ID_MAX_LENGTH UTF-16 units,
 * each encoded as at most 12 characters (a surrogate pair is 4 UTF-8 bytes, %XX each, per 2 units
 * = 6 per unit; a 3-byte character is 9 per unit), so every valid id is reachable.
 */
export const MAX_PARAM_LENGTH = ID_MAX_LENGTH * 12;

export interface ErrorReply {
  status: number;
  body: { error: string; message: string; details: string[] };
}

const byStatus = (status: number): string =>
  status === 401
    ? "unauthorized"
    : status === 403
      ? "forbidden"
      : status === 404
        ? "not_found"
        : status === 409
          ? "conflict"
          : status === 413 || status === 414
            ? "limit_exceeded"
            : status === 429
              ? "rate_limited"
              : "invalid_input";

/**
 * Fastify's, its parsers' and plugins' own errors in the documented `{error, message, details}`
 * model with the right status: body too large, unsupported media type, JSON that does not parse,
 * multipart without a boundary, path parameters too long. Anything else is a 500 `internal`.
 */
export function frameworkErrorReply(
  err: Error & { statusCode?: number; code?: string },
  req: FastifyRequest,
): ErrorReply {
  const reply = (status: number, error: string, message: string, details: string[] = []): ErrorReply => ({
    status,
    body: { error, message, details },
  });
  switch (err.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return reply(413, "limit_exceeded", `the request body is larger than ${BODY_LIMIT} bytes`, [
        `limit: bodyLimit ${BODY_LIMIT}`,
      ]);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return reply(
        415,
        "invalid_input",
        `unsupported content type ${JSON.stringify(req.headers["content-type"] ?? "")}: send application/json (multipart/form-data for uploads)`,
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return reply(
        400,
        "invalid_input",
        "the body is empty: send a JSON body with content-type application/json",
      );
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return reply(400, "invalid_input", "the body is not valid JSON");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return reply(400, "invalid_input", "the content-length does not match the body");
    case "FST_ERR_MAX_PARAM_LENGTH":
      return reply(414, "limit_exceeded", `a path parameter is longer than ${MAX_PARAM_LENGTH} characters`, [
        `limit: maxParamLength ${MAX_PARAM_LENGTH}`,
      ]);
    case "FST_ERR_BAD_URL":
      return reply(400, "invalid_input", "the URL is not valid (a path parameter does not decode)");
  }
  if (err instanceof SyntaxError && err.statusCode === 400) {
    return reply(400, "invalid_input", "the body is not valid JSON", [err.message]);
  }
  if (/^Multipart: Boundary not found/i.test(err.message)) {
    return reply(
      400,
      "invalid_input",
      "multipart/form-data without a boundary: send the content-type with its boundary parameter",
    );
  }
  const status = err.statusCode ?? 500;
  if (status < 400) return reply(500, "internal", "Internal error");
  if (status >= 500) return reply(status, "internal", "Internal error");
  return reply(status, byStatus(status), err.message);
}

/** Fastify's `frameworkErrors` option: router errors (bad URL, parameter too long) in the same model. */
export function frameworkErrors(
  err: Error & { code?: string },
  req: FastifyRequest,
  res: FastifyReply,
): void {
  const r = frameworkErrorReply(err, req);
  void res.status(r.status).send(r.body);
}
