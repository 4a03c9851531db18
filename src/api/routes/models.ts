import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import {
  CustomerExplanation,
  ExplanationParams,
  ModelIdParams,
  ModelList,
  ModelsQuery,
  ModelView,
  PromoteModelBody,
  TrainModelBody,
  TrainModelQueued,
} from "../../contracts/models.ts";
import {
  explainCustomer,
  listModelVersions,
  promoteModel,
  queueModelTraining,
  showModel,
} from "../../usecases/model/model-registry.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The churn and expansion model registry (docs/model.md). */
export const modelRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  app.get(
    "/models",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["models"],
        summary: "Model versions, newest first, with validation figures and the minimum history",
        querystring: ModelsQuery,
        response: { 200: ModelList, ...errors },
      },
    },
    async (req) => listModelVersions(deps.ctx, orgOf(req), req.query),
  );

  app.get(
    "/models/:id",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["models"],
        summary: "One model version (its card: metrics, calibration, lift, top features)",
        params: ModelIdParams,
        response: { 200: ModelView, ...errors },
      },
    },
    async (req) => showModel(deps.ctx, orgOf(req), req.params.id),
  );

  app.post(
    "/models/train",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["models"],
        summary: "Queue training of the churn model, the expansion model, or both (a job each)",
        body: TrainModelBody,
        response: { 202: TrainModelQueued, ...errors },
      },
    },
    async (req, reply) => {
      const r = await queueModelTraining(deps.ctx, orgOf(req), { kind: req.body.kind, actor: actorOf(req) });
      deps.wake?.();
      return reply.code(202).send(r);
    },
  );

  app.post(
    "/models/:id/promote",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["models"],
        summary: "Promote a model by hand, with a reason (audited); the kind's promoted one is retired",
        params: ModelIdParams,
        body: PromoteModelBody,
        response: { 200: ModelView, 409: ErrorBody, ...errors },
      },
    },
    async (req) => {
      const m = await promoteModel(deps.ctx, orgOf(req), req.params.id, {
        reason: req.body.reason,
        actor: actorOf(req),
      });
      deps.wake?.();
      return m;
    },
  );

  app.get(
    "/customers/:id/explanation",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["models"],
        summary: "The customer's churn-model contributions in words (none without a promoted model)",
        params: ExplanationParams,
        response: { 200: CustomerExplanation, ...errors },
      },
    },
    async (req) => explainCustomer(deps.ctx, orgOf(req), req.params.id),
  );
};
