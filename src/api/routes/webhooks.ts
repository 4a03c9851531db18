import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import {
  CrmExportQuery,
  WebhookCreateBody,
  WebhookDeleted,
  WebhookEndpointCreated,
  WebhookEndpointDetail,
  WebhookEndpointList,
  WebhookEndpointView,
  WebhookEventTypes,
  WebhookIdParams,
  WebhookPatchBody,
  WebhookTestResult,
} from "../../contracts/webhooks.ts";
import { exportCrmCsv } from "../../usecases/delivery/crm-export.ts";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  testWebhook,
  updateWebhook,
} from "../../usecases/delivery/manage-webhooks.ts";
import { webhookEventCatalog } from "../../usecases/delivery/webhook-catalog.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const one = { ...errors, 404: ErrorBody };
const asView = (v: unknown) => v as WebhookEndpointView;

/** Webhook endpoints (admin keys: they hold signing secrets) and the CRM export (docs/webhooks.md). */
export const webhookRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  const admin = requirePermission("admin");

  app.get(
    "/webhooks",
    {
      preHandler: admin,
      schema: {
        tags: ["webhooks"],
        summary: "The org's webhook endpoints (secrets redacted)",
        response: { 200: WebhookEndpointList, ...errors },
      },
    },
    async (req) => ({ items: (await listWebhooks(ctx, orgOf(req))).map(asView) }),
  );

  app.get(
    "/webhooks/event-types",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["webhooks"],
        summary:
          "Event types, payload formats, the signature scheme and an example body of each event (version 1)",
        response: { 200: WebhookEventTypes, ...errors },
      },
    },
    async () => webhookEventCatalog(ctx.now()) as never,
  );

  app.post(
    "/webhooks",
    {
      preHandler: admin,
      schema: {
        tags: ["webhooks"],
        summary: "Add an endpoint; the answer carries its signing secret, shown only this once (audited)",
        body: WebhookCreateBody,
        response: { 201: WebhookEndpointCreated, ...errors },
      },
    },
    async (req, reply) => {
      const e = await createWebhook(ctx, orgOf(req), req.body, actorOf(req));
      return reply.status(201).send(e as never);
    },
  );

  app.get(
    "/webhooks/:id",
    {
      preHandler: admin,
      schema: {
        tags: ["webhooks"],
        summary: "One endpoint with its delivery log (latest 100 attempts)",
        params: WebhookIdParams,
        response: { 200: WebhookEndpointDetail, ...one },
      },
    },
    async (req) => (await getWebhook(ctx, orgOf(req), req.params.id)) as never,
  );

  app.patch(
    "/webhooks/:id",
    {
      preHandler: admin,
      schema: {
        tags: ["webhooks"],
        summary: "Change an endpoint's URL, events, format, description or enabled flag (audited)",
        params: WebhookIdParams,
        body: WebhookPatchBody,
        response: { 200: WebhookEndpointView, ...one },
      },
    },
    async (req) => asView(await updateWebhook(ctx, orgOf(req), req.params.id, req.body, actorOf(req))),
  );

  app.delete(
    "/webhooks/:id",
    {
      preHandler: admin,
      schema: {
        tags: ["webhooks"],
        summary: "Delete an endpoint (its queued deliveries end dead; audited)",
        params: WebhookIdParams,
        response: { 200: WebhookDeleted, ...one },
      },
    },
    async (req) => {
      return deleteWebhook(ctx, orgOf(req), req.params.id, actorOf(req));
    },
  );

  app.post(
    "/webhooks/:id/test",
    {
      preHandler: admin,
      schema: {
        tags: ["webhooks"],
        summary: "Send a webhook.test event to the endpoint now (through the outbox; shows in the log)",
        params: WebhookIdParams,
        response: { 200: WebhookTestResult, ...one },
      },
    },
    async (req) => testWebhook(ctx, orgOf(req), req.params.id, actorOf(req)),
  );

  app.get(
    "/exports/crm",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["webhooks"],
        summary: "Every customer as HubSpot company properties or Salesforce Account fields (CSV)",
        querystring: CrmExportQuery,
        response: { ...errors },
      },
    },
    async (req, reply) => {
      const csv = await exportCrmCsv(ctx, orgOf(req), req.query.format);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="holdfast-${req.query.format}.csv"`)
        .send(csv as never);
    },
  );
};
