import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import {
  OutboxDetail,
  OutboxIdParams,
  OutboxList,
  OutboxQuery,
  OutboxRetryResult,
} from "../../contracts/outbox.ts";
import { getOutboxEntry, listOutboxEntries, retryOutbox } from "../../usecases/delivery/outbox-views.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** The outbox: every effect and its delivery attempts; redeliver a dead one (docs/delivery.md). */
export const outboxRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { ctx } = deps;
  app.get(
    "/outbox",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["delivery"],
        summary:
          "Outbox entries, newest first, filtered by channel, status, tactic or customer (offset paged, with total)",
        querystring: OutboxQuery,
        response: { 200: OutboxList, ...errors },
      },
    },
    async (req) => (await listOutboxEntries(ctx, orgOf(req), req.query)) as never,
  );

  app.get(
    "/outbox/:id",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["delivery"],
        summary: "One outbox entry with every delivery attempt",
        params: OutboxIdParams,
        response: { 200: OutboxDetail, ...errors, 404: ErrorBody },
      },
    },
    async (req) => (await getOutboxEntry(ctx, orgOf(req), req.params.id)) as never,
  );

  app.post(
    "/outbox/:id/retry",
    {
      preHandler: requirePermission("act"),
      schema: {
        tags: ["delivery"],
        summary: "Redeliver a dead entry: back to pending with its retries reset, log kept (audited)",
        params: OutboxIdParams,
        response: { 200: OutboxRetryResult, ...errors, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      const r = await retryOutbox(ctx, orgOf(req), req.params.id, actorOf(req));
      deps.wake?.();
      return r;
    },
  );
};
