import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import { TimelinePage, TimelineQuery } from "../../contracts/timeline.ts";
import { ID_MAX_LENGTH } from "../../core/limits.ts";
import { customerTimeline } from "../../usecases/customer-timeline.ts";
import { orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const Id = z.object({ id: z.string().min(1).max(ID_MAX_LENGTH) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const timelineRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  app.get(
    "/customers/:id/timeline",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["customers"],
        summary:
          "A customer's timeline, newest first: score crossings and level changes, lifecycle changes, tickets, NPS, outcomes, checklist ticks, imports",
        params: Id,
        querystring: TimelineQuery,
        response: { 200: TimelinePage, ...errors },
      },
    },
    async (req) =>
      customerTimeline(ctx, orgOf(req), req.params.id, { limit: req.query.limit, cursor: req.query.cursor }),
  );
};
