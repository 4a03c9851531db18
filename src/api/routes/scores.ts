import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import { LifecycleTransition, RecomputeResult, ScoreTrend, ScoreTrendQuery } from "../../contracts/scores.ts";
import { customerLifecycle, customerTrend, recomputeOne } from "../../usecases/customer-scores.ts";
import { appendAudit } from "../../store/audit.ts";
import type { AppDeps } from "../app.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";

const Id = z.object({ id: z.string().min(1).max(200) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const scoreRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    "/customers/:id/scores",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["scores"],
        summary: "Daily trend of one score kind (one point per day it was computed)",
        params: Id,
        querystring: ScoreTrendQuery,
        response: { 200: ScoreTrend, ...errors },
      },
    },
    async (req) =>
      customerTrend(deps.db, orgOf(req), req.params.id, req.query.kind, req.query.days, deps.now()),
  );

  app.get(
    "/customers/:id/lifecycle",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["scores"],
        summary: "Lifecycle stage transitions, newest first",
        params: Id,
        response: { 200: z.object({ items: z.array(LifecycleTransition) }), ...errors },
      },
    },
    async (req) => ({ items: await customerLifecycle(deps.db, orgOf(req), req.params.id) }),
  );

  app.post(
    "/customers/:id/recompute",
    {
      preHandler: requirePermission("act"),
      schema: {
        tags: ["scores"],
        summary: "Recompute every score kind of one customer now, as of today (audited)",
        params: Id,
        response: { 200: RecomputeResult, ...errors },
      },
    },
    async (req) => {
      const orgId = orgOf(req);
      const out = await recomputeOne(deps.db, orgId, req.params.id, deps.config, deps.now);
      await appendAudit(deps.db, orgId, deps.now(), {
        actor: actorOf(req),
        action: "scores.recompute",
        subject: req.params.id,
        detail: { as_of: out.as_of },
      });
      return out;
    },
  );
};
