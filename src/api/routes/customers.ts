import { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import {
  ChecklistStep,
  ChecklistUpdate,
  CustomerBrief,
  CustomerFacets,
  CustomerFacetsQuery,
  CustomerList,
  CustomerListQuery,
  NewOutcome,
  Outcome,
} from "../../contracts/customers.ts";
import { csvRow } from "../../core/csv/cell.ts";
import { ID_MAX_LENGTH } from "../../core/limits.ts";
import { customerBrief } from "../../usecases/customer-brief.ts";
import { customerFacets } from "../../usecases/customer-facets.ts";
import { allCustomers, type CustomerRow, listCustomers } from "../../usecases/list-customers.ts";
import { listOutcomes } from "../../usecases/list-outcomes.ts";
import { logOutcome } from "../../usecases/log-outcome.ts";
import { setChecklistStep } from "../../usecases/set-checklist-step.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const CSV_COLUMNS = [
  "customer_id",
  "account_id",
  "account_name",
  "plan_tier",
  "arr",
  "status",
  "churn_date",
  "churned",
  "risk_score",
  "risk_level",
  "top_reasons",
] as const;

const csvLine = (r: CustomerRow) => csvRow(CSV_COLUMNS.map((c) => r[c]));

const Id = z.object({ id: z.string().min(1).max(ID_MAX_LENGTH) });

export const customerRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

  app.get(
    "/customers",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["customers"],
        summary: "The customer list: filter, sort, page with next_cursor, or format=csv for the whole list",
        description:
          "Ranked by the org's headline score (config scores.headline: churn_risk by default, or early_warning): risk_score and risk_level are that score's. book=live (default) lists customers not churned, churned the lost ones, all both. total counts the whole filtered set (customers and ARR), not the page. Invalid filter values answer 400 naming the field.",
        querystring: CustomerListQuery,
        response: { 200: CustomerList, ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const orgId = orgOf(req);
      if (q.format === "csv") {
        async function* lines() {
          yield csvRow(CSV_COLUMNS);
          for await (const page of allCustomers(ctx, orgId, q)) yield page.map(csvLine).join("");
        }
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="customers.csv"')
          .send(Readable.from(lines()) as never); // a stream skips the JSON serializer
      }
      const page = await listCustomers(ctx, orgId, q);
      return {
        items: page.items as z.infer<typeof CustomerList>["items"],
        next_cursor: page.nextCursor,
        total: page.total,
      };
    },
  );

  app.get(
    "/customers/facets",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["customers"],
        summary: "Every list filter's options with their counts, for the same filters as GET /v1/customers",
        description:
          "Options come from the workspace's data (plan tiers from its customers and plan catalog, levels from the stored scores, statuses from its customers), each {value, label, count}. Standard faceting: each facet is counted with every OTHER filter of the query applied and its own left out, so choosing an option lists exactly `count` customers (the list's total). book and status count customers by status; risk_level and driver refer to the headline score (named in `headline`). total is the list's total for the query as given.",
        querystring: CustomerFacetsQuery,
        response: { 200: CustomerFacets, ...errors },
      },
    },
    async (req) => (await customerFacets(ctx, orgOf(req), req.query)) as z.infer<typeof CustomerFacets>,
  );

  app.get(
    "/customers/:id",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["customers"],
        summary: "The customer brief: scores, reasons, actions, checklist, outreach drafts, outcomes",
        params: Id,
        response: { 200: CustomerBrief, 404: ErrorBody, ...errors },
      },
    },
    async (req) =>
      (await customerBrief(ctx.db, orgOf(req), req.params.id, ctx.now())) as z.infer<typeof CustomerBrief>,
  );

  app.get(
    "/customers/:id/outcomes",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["customers"],
        params: Id,
        response: { 200: z.object({ items: z.array(Outcome) }), 404: ErrorBody, ...errors },
      },
    },
    async (req) => ({
      items: (await listOutcomes(ctx, orgOf(req), req.params.id)) as z.infer<typeof Outcome>[],
    }),
  );

  app.post(
    "/customers/:id/outcomes",
    {
      preHandler: requirePermission("act"),
      schema: {
        tags: ["customers"],
        summary: "Log an outcome (audited)",
        params: Id,
        body: NewOutcome,
        response: { 201: Outcome, 404: ErrorBody, ...errors },
      },
    },
    async (req, reply) => {
      const row = await logOutcome(ctx, orgOf(req), {
        customerId: req.params.id,
        outcome: req.body.outcome,
        notes: req.body.notes,
        actor: actorOf(req),
      });
      return reply.status(201).send(row as z.infer<typeof Outcome>);
    },
  );

  app.put(
    "/customers/:id/checklist/:step",
    {
      preHandler: requirePermission("act"),
      schema: {
        tags: ["customers"],
        summary: "Tick or untick a next-best-action step (audited)",
        params: Id.extend({ step: z.string().min(1).max(100) }),
        body: ChecklistUpdate,
        response: { 200: ChecklistStep, 404: ErrorBody, ...errors },
      },
    },
    async (req) =>
      setChecklistStep(ctx, orgOf(req), {
        customerId: req.params.id,
        stepId: req.params.step,
        done: req.body.done,
        actor: actorOf(req),
      }),
  );
};
