import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from "fastify";
import type { AppDeps } from "./deps.ts";

/** An `X-Request-Id` a client may choose: up to 128 URL-safe characters; anything else is replaced. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * Fastify's per-request log lines at debug, not info (at info they were megabytes a second under
 * load); a request that errored is still logged at error.
 */
class DebugRequestLog extends LogController {
  constructor() {
    super({ requestIdLogLabel: "request_id" });
  }
  override incomingRequest(req: FastifyRequest): void {
    req.log.debug({ req }, "incoming request");
  }
  override requestCompleted(
    error: Error | null | undefined,
    _req: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error)
      reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime }, "request errored");
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, "request completed");
  }
  override routeNotFound(req: FastifyRequest): void {
    req.log.debug({ req }, "route not found");
  }
}

/**
 * Fastify options: the request id is the client's `X-Request-Id` when it is sane, else a new
 * UUID, and is every request log line's `request_id`; request lines are logged at debug.
 */
export function requestIdOptions() {
  return {
    requestIdHeader: false as const,
    genReqId: (req: IncomingMessage): string => {
      const h = req.headers["x-request-id"];
      return typeof h === "string" && CLIENT_REQUEST_ID.test(h) ? h : randomUUID();
    },
    logController: new DebugRequestLog(),
  };
}

/** Never logged: keys, credentials and cookies, wherever a log line carries them. */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'req.headers["x-metrics-token"]',
  'res.headers["set-cookie"]',
  "headers.authorization",
  "authorization",
  "key",
  "*.key",
  "apiKey",
  "*.apiKey",
  "token",
  "*.token",
];

const SECRET_PARAM = /^(key|api_key|apikey|token|access_token)$/i;

/** The URL with the values of key-like query parameters replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const name of [...params.keys()]) {
    if (SECRET_PARAM.test(name)) {
      params.set(name, "[redacted]");
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}

const serializeReq = (req: FastifyRequest) => ({
  method: req.method,
  url: redactUrl(req.url),
  remoteAddress: req.ip,
  headers: req.headers,
});

/** The logger options of buildApp's `logger` dependency: its level (and stream), with redaction. */
export function loggerOptions(logger: AppDeps["logger"]) {
  if (!logger) return false;
  return {
    ...(logger === true ? {} : logger),
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: { req: serializeReq },
  };
}

/** Every answer carries `X-Request-Id`, and every error body its `request_id`. */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook("onRequest", async (req, reply) => {
    reply.header("X-Request-Id", req.id);
  });
  app.addHook("onSend", async (req, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== "string") return payload;
    if (!String(reply.getHeader("content-type") ?? "").includes("json")) return payload;
    try {
      const body: unknown = JSON.parse(payload);
      if (body && typeof body === "object" && !Array.isArray(body) && "error" in body) {
        return JSON.stringify({ ...body, request_id: req.id });
      }
    } catch {
      // not JSON after all: sent as it is
    }
    return payload;
  });
}
