import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import {
  checkReadiness,
  httpDuration,
  httpErrors,
  httpRequests,
  recordEventBatch,
  scrapeMetrics,
  startDefaultMetrics,
} from "../../usecases/metrics.ts";
import type { RouteDeps } from "../deps.ts";

const EVENTS_ROUTE = "/v1/events";
const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Operations endpoints, outside /v1 and without an API key: `GET /readyz` (the store answers
 * and its migrations are current) and `GET /metrics` (Prometheus text, only when a metrics
 * token is configured, to requests bearing it). Called on the root instance, so the request
 * hooks measure every route by its pattern.
 */
export function registerOps(app: FastifyInstance, deps: RouteDeps): void {
  app.get("/readyz", { schema: { hide: true } }, async (_req, reply) => {
    const r = await checkReadiness(deps.ctx);
    if (!r.ready) return reply.status(503).send({ status: "unavailable", reason: r.reason });
    return { status: "ready", database: deps.db.dialect };
  });

  const token = deps.metricsToken;
  if (!token) return;
  startDefaultMetrics();
  const expected = digest(`Bearer ${token}`);

  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    if (route === "/metrics") return;
    const status = reply.statusCode;
    httpRequests.inc({ method: req.method, route, status: String(status) });
    httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    if (status >= 400) httpErrors.inc({ method: req.method, route, class: status >= 500 ? "5xx" : "4xx" });
  });
  app.addHook("onSend", async (req, reply, payload) => {
    if (req.routeOptions.url === EVENTS_ROUTE && reply.statusCode === 200 && typeof payload === "string") {
      try {
        const out = JSON.parse(payload) as { accepted: number; duplicates: number; rejected: unknown[] };
        recordEventBatch({
          accepted: out.accepted,
          duplicates: out.duplicates,
          rejected: out.rejected.length,
        });
      } catch {
        // not a batch result: nothing to count
      }
    }
    return payload;
  });

  app.get("/metrics", { schema: { hide: true } }, async (req, reply) => {
    const given = digest(req.headers.authorization ?? "");
    if (!timingSafeEqual(given, expected)) {
      return reply.status(401).header("www-authenticate", "Bearer").send({
        error: "unauthorized",
        message: "GET /metrics needs Authorization: Bearer <HOLDFAST_METRICS_TOKEN>",
      });
    }
    const m = await scrapeMetrics(deps.ctx);
    return reply.type(m.contentType).send(m.text);
  });
}
