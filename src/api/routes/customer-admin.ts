import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import { BillingContact, CustomerUpsert, PlanUpsert } from "../../contracts/customer-write.ts";
import { listPlans } from "../../usecases/list-plans.ts";
import { setBillingContact } from "../../usecases/set-billing-contact.ts";
import { upsertCustomer } from "../../usecases/upsert-customer.ts";
import { upsertPlan } from "../../usecases/upsert-plan.ts";
import { actorOf, orgOf, requireAnyPermission, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const Id = z.object({ id: z.string().min(1).max(200) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export const customerAdminRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  app.put(
    "/customers/:id",
    {
      preHandler: requireAnyPermission(["import", "ingest"]),
      schema: {
        tags: ["customers"],
        summary:
          "Create or update a customer and its current subscription (fields left out keep their value; audited; its scores are refreshed)",
        description: "The billing contact is not set here: use PUT /v1/customers/:id/billing-contact.",
        params: Id,
        body: CustomerUpsert,
        response: {
          200: z.object({ customer_id: z.string(), created: z.boolean() }),
          201: z.object({ customer_id: z.string(), created: z.boolean() }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const r = await upsertCustomer(ctx, orgOf(req), req.params.id, req.body, { actor: actorOf(req) });
      return reply.status(r.created ? 201 : 200).send({ customer_id: req.params.id, created: r.created });
    },
  );

  app.put(
    "/customers/:id/billing-contact",
    {
      preHandler: requirePermission("import"),
      schema: {
        tags: ["customers"],
        summary: "Set the billing contact (the only way it is ever set; audited)",
        params: Id,
        body: BillingContact,
        response: {
          200: z.object({ customer_id: z.string(), email: z.string() }),
          404: ErrorBody,
          ...errors,
        },
      },
    },
    async (req) => setBillingContact(ctx, orgOf(req), req.params.id, req.body, { actor: actorOf(req) }),
  );

  app.get(
    "/plans",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["plans"],
        summary: "The plan catalog, entry tier first",
        response: {
          200: z.object({
            items: z.array(PlanUpsert.extend({ tier: z.string(), price_monthly: z.number().nullable() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => ({ items: await listPlans(ctx, orgOf(req)) }),
  );

  app.put(
    "/plans/:tier",
    {
      preHandler: requirePermission("admin"),
      schema: {
        tags: ["plans"],
        summary:
          "Create or replace a plan of the catalog (tiers, ranks, limits; unlisted rescue plans; audited)",
        params: z.object({ tier: z.string().min(1).max(100) }),
        body: PlanUpsert,
        response: { 200: z.object({ tier: z.string() }), ...errors },
      },
    },
    async (req) => upsertPlan(ctx, orgOf(req), req.params.tier, req.body, { actor: actorOf(req) }),
  );
};
