import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import { LifecycleTransition, RecomputeResult, ScoreTrend, ScoreTrendQuery } from "../../contracts/scores.ts";
import { ID_MAX_LENGTH } from "../../core/limits.ts";
import { customerLifecycle, customerTrend } from "../../usecases/customer-scores.ts";
import { recomputeCustomer } from "../../usecases/recompute-customer.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const Id = z.object({ id: z.string().min(1).max(ID_MAX_LENGTH) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const scoreRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
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
      customerTrend(ctx.db, orgOf(req), req.params.id, req.query.kind, req.query.days, ctx.now()),
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
    async (req) => ({ items: await customerLifecycle(ctx.db, orgOf(req), req.params.id) }),
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
    async (req) => recomputeCustomer(ctx, orgOf(req), req.params.id, { actor: actorOf(req) }),
  );
};
