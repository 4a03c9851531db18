import fs from "node:fs";
import path from "node:path";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { HoldfastError } from "../core/errors.ts";
import { authenticate } from "./auth.ts";
import type { AppDeps, RouteDeps } from "./deps.ts";
import { statusOf } from "./errors.ts";
import { BODY_LIMIT, frameworkErrorReply, frameworkErrors, MAX_PARAM_LENGTH } from "./framework-errors.ts";
import { AUTH_FAILURES_PER_MINUTE, AuthFailureLimiter, rateLimitPerKey } from "./rate-limit.ts";
import { refuseNul } from "./refuse-nul.ts";
import { loggerOptions, registerRequestLog, requestIdOptions } from "./request-log.ts";
import { configRoutes } from "./routes/config.ts";
import { customerAdminRoutes } from "./routes/customer-admin.ts";
import { customerRoutes } from "./routes/customers.ts";
import { eventRoutes } from "./routes/events.ts";
import { experienceAssetRoutes } from "./routes/experience-assets.ts";
import { experienceKeyRoutes } from "./routes/experience-keys.ts";
import { experienceRoutes } from "./routes/experiences.ts";
import { importRoutes, UPLOAD_LIMITS } from "./routes/imports.ts";
import { jobRoutes } from "./routes/jobs.ts";
import { keyRoutes } from "./routes/keys.ts";
import { modelRoutes } from "./routes/models.ts";
import { registerOps } from "./routes/ops.ts";
import { outboxRoutes } from "./routes/outbox.ts";
import { playRoutes } from "./routes/plays.ts";
import { renewalRoutes } from "./routes/renewals.ts";
import { reportRoutes } from "./routes/reports.ts";
import { scoreRoutes } from "./routes/scores.ts";
import { templateRoutes } from "./routes/templates.ts";
import { ticketCorrectionRoutes } from "./routes/ticket-corrections.ts";
import { ticketRoutes } from "./routes/tickets.ts";
import { timelineRoutes } from "./routes/timeline.ts";
import { unsubscribeRoutes } from "./routes/unsubscribe.ts";
import { webhookRoutes } from "./routes/webhooks.ts";
import { docsCsp, registerSecurityHeaders } from "./security-headers.ts";

export type { AppDeps } from "./deps.ts";

/** An unknown route answers in the error model, dashboard built or not. */
const noRoute = (req: FastifyRequest, reply: FastifyReply) =>
  reply
    .status(404)
    .send({ error: "not_found", message: `No route ${req.method} ${req.url.split("?")[0]}`, details: [] });

export const DEFAULT_WEB_DIR = path.resolve(import.meta.dirname, "../../web/dist");

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Holdfast</title></head>
<body><h1>Holdfast</h1><p>The dashboard is not built: run <code>npm run build</code>.</p>
<p><a href="/docs">API documentation</a></p></body></html>`;

/** The HTTP app, built from its dependencies and kept apart from listening (tests use inject). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.logger),
    ...requestIdOptions(),
    bodyLimit: BODY_LIMIT,
    // Every id up to its limit is reachable, percent-encoded; longer answers 414 in the error model.
    maxParamLength: MAX_PARAM_LENGTH,
    frameworkErrors,
    ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}),
  });
  registerRequestLog(app);
  await registerSecurityHeaders(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    if (err instanceof HoldfastError) {
      return reply
        .status(statusOf(err.code))
        .send({ error: err.code, message: err.message, details: [...err.details] });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map(
        (v) =>
          `${v.instancePath.replace(/^\//, "").replaceAll("/", ".") || err.validationContext}: ${v.message}`,
      );
      return reply
        .status(400)
        .send({ error: "invalid_input", message: `Invalid ${err.validationContext}`, details });
    }
    const r = frameworkErrorReply(err, req);
    if (r.status >= 500) req.log.error(err);
    return reply.status(r.status).send(r.body);
  });

  await app.register(swagger, {
    openapi: {
      info: { title: "Holdfast API", version: "1" },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs", transformStaticCSP: docsCsp });
  await app.register(multipart, {
    limits: { files: UPLOAD_LIMITS.files, fileSize: UPLOAD_LIMITS.fileBytes },
  });

  app.get("/healthz", { schema: { hide: true } }, async () => {
    await deps.db.kysely.selectFrom("orgs").select("id").limit(1).execute();
    return { status: "ok", database: deps.db.dialect, time: deps.now().toISOString() };
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  // The composition root of the API: every route calls use cases with this context.
  const routeDeps: RouteDeps = {
    ...deps,
    ctx: { db: deps.db, defaults: deps.config, now: deps.now, log: (msg) => app.log.info(msg) },
  };
  // /readyz, and /metrics with its request hooks when a metrics token is set.
  registerOps(app, routeDeps);
  await app.register(
    async (v1) => {
      const authFailures = new AuthFailureLimiter(AUTH_FAILURES_PER_MINUTE, () => deps.now().getTime());
      v1.addHook("onRequest", authenticate(deps.db, deps.now, authFailures));
      v1.addHook("preValidation", refuseNul); // NUL in any value: 400, never 22021
      await rateLimitPerKey(v1, deps.config.api.rateLimitPerMinute);
      await v1.register(reportRoutes, routeDeps);
      await v1.register(renewalRoutes, routeDeps);
      await v1.register(customerRoutes, routeDeps);
      await v1.register(importRoutes, routeDeps);
      await v1.register(ticketRoutes, routeDeps);
      await v1.register(ticketCorrectionRoutes, routeDeps);
      await v1.register(eventRoutes, routeDeps);
      await v1.register(customerAdminRoutes, routeDeps);
      await v1.register(scoreRoutes, routeDeps);
      await v1.register(timelineRoutes, routeDeps);
      await v1.register(jobRoutes, routeDeps);
      await v1.register(configRoutes, routeDeps);
      await v1.register(keyRoutes, routeDeps);
      await v1.register(experienceKeyRoutes, routeDeps);
      await v1.register(playRoutes, routeDeps);
      await v1.register(outboxRoutes, routeDeps);
      await v1.register(webhookRoutes, routeDeps);
      await v1.register(modelRoutes, routeDeps);
      await v1.register(templateRoutes, routeDeps);
    },
    { prefix: "/v1" },
  );

  // In-app experiences: publishable key + identity token (no Bearer key), /sdk.js, /demo-app/.
  await app.register(experienceRoutes, { ...routeDeps, prefix: "/v1" });
  await app.register(experienceAssetRoutes, routeDeps);
  // Unsubscribe links: the signed token is the authentication (docs/delivery.md).
  await app.register(unsubscribeRoutes, routeDeps);

  const webDir = deps.webDir ?? DEFAULT_WEB_DIR;
  if (fs.existsSync(path.join(webDir, "index.html"))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
    app.setNotFoundHandler((req, reply) => {
      // Dashboard routes live in the fragment; a path with a file extension is a missing asset.
      const pathname = req.url.split("?")[0]!;
      if (req.method === "GET" && !pathname.startsWith("/v1/") && !/\.[a-z0-9]+$/i.test(pathname)) {
        return reply.sendFile("index.html");
      }
      return noRoute(req, reply);
    });
  } else {
    app.get("/", { schema: { hide: true } }, async (_req, reply) =>
      reply.type("text/html").send(PLACEHOLDER),
    );
    app.setNotFoundHandler(noRoute);
  }
  return app;
}
