import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import { BillingContact, CustomerUpsert, PlanUpsert } from "../../contracts/customer-write.ts";
import { HoldfastError } from "../../core/errors.ts";
import { appendAudit } from "../../store/audit.ts";
import { listPlans, setBillingContact, upsertCustomer, upsertPlan } from "../../store/customer-write.ts";
import type { AppDeps } from "../app.ts";
import { actorOf, orgOf, requireAnyPermission, requirePermission } from "../auth.ts";

const Id = z.object({ id: z.string().min(1).max(200) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export const customerAdminRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.put(
    "/customers/:id",
    {
      preHandler: requireAnyPermission(["import", "ingest"]),
      schema: {
        tags: ["customers"],
        summary:
          "Create or update a customer and its current subscription (fields left out keep their value)",
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
      const r = await upsertCustomer(deps.db, orgOf(req), req.params.id, req.body);
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
    async (req) => {
      const orgId = orgOf(req);
      if (!(await setBillingContact(deps.db, orgId, req.params.id, req.body))) {
        throw new HoldfastError("not_found", `no customer ${JSON.stringify(req.params.id)} in this org`);
      }
      await appendAudit(deps.db, orgId, deps.now(), {
        actor: actorOf(req),
        action: "customer.billing_contact",
        subject: req.params.id,
        detail: { email_domain: req.body.email.split("@")[1] },
      });
      return { customer_id: req.params.id, email: req.body.email };
    },
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
    async (req) => ({ items: await listPlans(deps.db, orgOf(req)) }),
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
    async (req) => {
      const orgId = orgOf(req);
      await upsertPlan(deps.db, orgId, req.params.tier, req.body);
      await appendAudit(deps.db, orgId, deps.now(), {
        actor: actorOf(req),
        action: "plan.upsert",
        subject: req.params.tier,
        detail: req.body,
      });
      return { tier: req.params.tier };
    },
  );
};
