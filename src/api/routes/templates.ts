import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import {
  TemplateActionParams,
  TemplateList,
  TemplatePreview,
  TemplatePreviewBody,
  TemplateSave,
  TemplateVersionList,
  TemplateView,
} from "../../contracts/templates.ts";
import {
  listTemplates,
  previewTemplate,
  saveTemplate,
  templateHistory,
} from "../../usecases/delivery/templates.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const templateRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  app.get(
    "/templates",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["delivery"],
        summary: "The email and SMS template of every step action in force, and the variables",
        response: { 200: TemplateList, ...errors },
      },
    },
    async (req) => listTemplates(ctx, orgOf(req)),
  );

  app.get(
    "/templates/:action/versions",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["delivery"],
        summary: "The org's saved versions of one action's template, newest first",
        params: TemplateActionParams,
        response: { 200: TemplateVersionList, ...errors },
      },
    },
    async (req) => ({ items: await templateHistory(ctx, orgOf(req), req.params.action) }),
  );

  app.put(
    "/templates/:action",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["delivery"],
        summary: "Save a new version of an action's template (admin)",
        description:
          "Refused (400, naming the field and problem) on bad syntax, an unknown variable or a helper other than if, unless and each.",
        params: TemplateActionParams,
        body: TemplateSave,
        response: { 200: TemplateView, ...errors },
      },
    },
    async (req) => {
      const { reason, ...t } = req.body;
      return saveTemplate(ctx, orgOf(req), req.params.action, t, { actor: actorOf(req), reason });
    },
  );

  app.post(
    "/templates/:action/preview",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["delivery"],
        summary: "Render an action's template (or an unsaved draft) with a real customer's data",
        params: TemplateActionParams,
        body: TemplatePreviewBody,
        response: { 200: TemplatePreview, ...errors },
      },
    },
    async (req) =>
      previewTemplate(ctx, orgOf(req), req.params.action, {
        customerId: req.body.customerId,
        draft: req.body.draft,
      }),
  );
};
