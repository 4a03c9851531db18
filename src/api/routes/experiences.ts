import rateLimit from "@fastify/rate-limit";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import {
  ExperienceIdParams,
  ExperienceList,
  ExperienceResponseAnswer,
  ExperienceResponseBody,
  ExperiencesQuery,
} from "../../contracts/experiences.ts";
import { HoldfastError } from "../../core/errors.ts";
import {
  type ExperienceCaller,
  experienceCaller,
  experienceOrigins,
  IDENTITY_HEADER,
  PUBLISHABLE_HEADER,
} from "../../usecases/experience-caller.ts";
import { listExperiences } from "../../usecases/list-experiences.ts";
import { respondToExperience } from "../../usecases/respond-experience.ts";
import type { RouteDeps } from "../deps.ts";
import { AUTH_FAILURES_PER_MINUTE, AuthFailureLimiter, authRateLimited } from "../rate-limit.ts";
import { refuseNul } from "../refuse-nul.ts";

/**
 * The browser snippet's routes (docs/in-app.md), outside the Bearer-key routes: a publishable
 * key names the org, an identity token signed by the host app's backend names the end user.
 * CORS only here: the service's own origin and the org's `experiences.allowedOrigins`.
 */

const errors = { 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };
const headers = {
  [PUBLISHABLE_HEADER]: "the org's publishable key (pk_...)",
  [IDENTITY_HEADER]: "the end user's identity token, signed by your backend",
};
const ALLOW_HEADERS = "Content-Type, Holdfast-Publishable-Key, Holdfast-Identity";

declare module "fastify" {
  interface FastifyRequest {
    experienceCaller?: ExperienceCaller;
  }
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === "string" && v.length > 0 ? v : undefined;
};

const selfOrigin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export const experienceRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx, now, config }) => {
  const failures = new AuthFailureLimiter(AUTH_FAILURES_PER_MINUTE, () => now().getTime());
  // Per end user (org and customer of the identity token), as /v1 limits per API key.
  const perMinute = config.api.rateLimitPerMinute;
  if (perMinute > 0)
    await app.register(rateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      hook: "preParsing",
      keyGenerator: (req) =>
        req.experienceCaller
          ? `end-user:${req.experienceCaller.orgId}:${req.experienceCaller.customerId}`
          : `ip:${req.ip}`,
      errorResponseBuilder: (_req, c) =>
        new HoldfastError(
          "rate_limited",
          `Rate limit: at most ${c.max.toLocaleString("en-US")} requests a minute per end user; retry in ${c.after}`,
        ),
    });

  // The snippet may be served from another origin than the host page: let any page load it.
  app.addHook("onRequest", async (_req, reply) => {
    reply.header("Cross-Origin-Resource-Policy", "cross-origin");
    reply.header("Vary", "Origin");
  });
  app.addHook("preValidation", refuseNul);

  /** Publishable key, identity token, then the calling origin. */
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    const wait = failures.retryAfter(req.ip);
    if (wait > 0) {
      reply.header("Retry-After", String(wait));
      throw authRateLimited(wait);
    }
    let caller: ExperienceCaller;
    try {
      caller = await experienceCaller(ctx, header(req, PUBLISHABLE_HEADER), header(req, IDENTITY_HEADER));
    } catch (err) {
      if (err instanceof HoldfastError && err.code === "unauthorized") {
        const w = failures.fail(req.ip);
        if (w > 0) {
          reply.header("Retry-After", String(w));
          throw authRateLimited(w);
        }
      }
      throw err;
    }
    const origin = header(req, "origin");
    if (origin && origin !== selfOrigin(req)) {
      const allowed = await experienceOrigins(ctx, caller.orgId);
      if (!allowed.includes(origin))
        throw new HoldfastError(
          "forbidden",
          `Origin ${origin} may not call the experiences API: add it to experiences.allowedOrigins`,
        );
      reply.header("Access-Control-Allow-Origin", origin);
    }
    req.experienceCaller = caller;
  };

  // Preflight: grants nothing by itself; the request that follows is checked by `guard`.
  const preflight = async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = header(req, "origin");
    if (origin) {
      reply.header("Access-Control-Allow-Origin", origin);
      reply.header("Access-Control-Allow-Methods", "GET, POST");
      reply.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
      reply.header("Access-Control-Max-Age", "600");
    }
    return reply.status(204).send();
  };
  app.options("/experiences", { schema: { hide: true } }, preflight);
  app.options("/experiences/:id/responses", { schema: { hide: true } }, preflight);

  app.get(
    "/experiences",
    {
      // Before validation: no credentials is 401 whatever the query or body.
      onRequest: guard,
      schema: {
        tags: ["experiences"],
        summary: "What to show this end user now (publishable key + identity token, no Bearer key)",
        description: `Headers: ${Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join("; ")}. See docs/in-app.md.`,
        security: [],
        querystring: ExperiencesQuery,
        response: { 200: ExperienceList, 400: ErrorBody, ...errors },
      },
    },
    async (req) => {
      const c = req.experienceCaller!;
      return listExperiences(ctx, c.orgId, c.customerId, req.query.moment);
    },
  );

  app.post(
    "/experiences/:id/responses",
    {
      // Before validation: no credentials is 401 whatever the query or body.
      onRequest: guard,
      schema: {
        tags: ["experiences"],
        summary: "Record an impression, dismissal, acceptance or call to action (idempotent on response_id)",
        description:
          "An acceptance of an offer moves the offers ledger at once, with the event and its audit row. Same headers as GET /v1/experiences.",
        security: [],
        params: ExperienceIdParams,
        body: ExperienceResponseBody,
        response: {
          200: ExperienceResponseAnswer,
          400: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          ...errors,
        },
      },
    },
    async (req) => {
      const c = req.experienceCaller!;
      return respondToExperience(ctx, c.orgId, c.customerId, req.params.id, req.body);
    },
  );
};
