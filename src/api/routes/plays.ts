import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import {
  ApprovalActionBody,
  ApprovalActionParams,
  ApprovalList,
  ApprovalsQuery,
  ApprovalView,
  CustomerIdParams,
  DEAL_CSV_COLUMNS,
  DealList,
  DealsQuery,
  DealUpdate,
  DealView,
  DecisionList,
  DecisionsQuery,
  IdParams,
  InsightList,
  OfferList,
  RunList,
  TacticList,
  TacticsQuery,
  TaskActionBody,
  TaskActionParams,
  TaskList,
  TasksQuery,
  TaskView,
} from "../../contracts/plays.ts";
import { csvRow } from "../../core/csv/cell.ts";
import { HoldfastError } from "../../core/errors.ts";
import { customerPlayRuns } from "../../usecases/customer-play-runs.ts";
import { decidePlayApproval, listPlayApprovals } from "../../usecases/decide-approval.ts";
import {
  customerOffers,
  listPlayDeals,
  listPlayDecisions,
  listPlayInsights,
} from "../../usecases/list-play-records.ts";
import { tacticCatalog } from "../../usecases/list-tactics.ts";
import { listCsmTasks, updateCsmTask } from "../../usecases/manage-csm-tasks.ts";
import { moveDeal } from "../../usecases/move-deal.ts";
import { actorOf, orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const writeErrors = { ...errors, 404: ErrorBody, 409: ErrorBody };

/** Plays writes (tasks, approvals) need a manager or an admin key. */
const requireManager = async (req: import("fastify").FastifyRequest) => {
  const role = req.auth?.role;
  if (role !== "manager" && role !== "admin")
    throw new HoldfastError(
      "forbidden",
      `This key's role (${role ?? "none"}) may not change plays: manager or admin only`,
    );
};

export const playRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  const read = requirePermission("read");

  app.get(
    "/tactics",
    {
      preHandler: read,
      schema: {
        tags: ["plays"],
        summary:
          "Every tactic: definition, evidence, enabled flag and live counts (?days=N: the last N days)",
        querystring: TacticsQuery,
        response: { 200: TacticList, ...errors },
      },
    },
    async (req) => tacticCatalog(ctx, orgOf(req), { days: req.query.days }),
  );

  app.get(
    "/plays/decisions",
    {
      preHandler: read,
      schema: {
        tags: ["plays"],
        summary: "Every fire, defer and suppress, newest first, with the rule and reason (keyset paged)",
        querystring: DecisionsQuery,
        response: { 200: DecisionList, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      return listPlayDecisions(ctx, orgOf(req), {
        customer: q.customer,
        tactic: q.tactic,
        outcome: q.outcome,
        since: q.since === undefined ? undefined : new Date(Date.parse(q.since)).toISOString(),
        before: q.cursor === undefined ? undefined : Number(q.cursor),
        limit: q.limit,
      });
    },
  );

  app.get(
    "/customers/:id/offers",
    {
      preHandler: read,
      schema: {
        tags: ["plays"],
        summary: "The customer's offers ledger across every surface",
        params: CustomerIdParams,
        response: { 200: OfferList, 404: ErrorBody, ...errors },
      },
    },
    async (req) => ({ items: await customerOffers(ctx, orgOf(req), req.params.id) }),
  );

  app.get(
    "/customers/:id/runs",
    {
      preHandler: read,
      schema: {
        tags: ["plays"],
        summary: "The customer's play runs, newest first: state, steps sent and skipped, the next step",
        params: CustomerIdParams,
        response: { 200: RunList, 404: ErrorBody, ...errors },
      },
    },
    async (req) => ({ items: await customerPlayRuns(ctx, orgOf(req), req.params.id) }),
  );

  app.get(
    "/tasks",
    {
      preHandler: read,
      schema: {
        tags: ["plays"],
        summary: "CSM tasks made by plays, by due date",
        querystring: TasksQuery,
        response: { 200: TaskList, ...errors },
      },
    },
    async (req) => ({ items: await listCsmTasks(ctx, orgOf(req), req.query) }),
  );

  app.post(
    "/tasks/:id/:action",
    {
      preHandler: requireManager,
      schema: {
        tags: ["plays"],
        summary: "Mark a task done, or snooze it until a day, with a note (manager or admin; audited)",
        params: TaskActionParams,
        body: TaskActionBody,
        response: { 200: TaskView, ...writeErrors },
      },
    },
    async (req) =>
      updateCsmTask(ctx, orgOf(req), req.params.id, {
        action: req.params.action,
        note: req.body?.note,
        until: req.body?.until,
        actor: actorOf(req),
      }),
  );

  app.get(
    "/approvals",
    {
      preHandler: read,
      schema: {
        tags: ["plays"],
        summary: "The approvals queue",
        querystring: ApprovalsQuery,
        response: { 200: ApprovalList, ...errors },
      },
    },
    async (req) => ({ items: await listPlayApprovals(ctx, orgOf(req), req.query) }),
  );

  app.post(
    "/approvals/:id/:action",
    {
      preHandler: requireManager,
      schema: {
        tags: ["plays"],
        summary:
          "Approve (releases the held effect) or reject an approval, with a reason (manager or admin; audited)",
        params: ApprovalActionParams,
        body: ApprovalActionBody,
        response: { 200: ApprovalView, ...writeErrors },
      },
    },
    async (req) =>
      decidePlayApproval(ctx, orgOf(req), req.params.id, {
        decision: req.params.action,
        reason: req.body.reason,
        actor: actorOf(req),
      }),
  );

  app.get(
    "/deals",
    {
      preHandler: read,
      schema: {
        tags: ["plays"],
        summary: "The upsell deal pipeline (format=csv for an export)",
        querystring: DealsQuery,
        response: { 200: DealList, ...errors },
      },
    },
    async (req, reply) => {
      const items = await listPlayDeals(ctx, orgOf(req), { stage: req.query.stage, limit: req.query.limit });
      if (req.query.format === "csv") {
        const body = [
          csvRow(DEAL_CSV_COLUMNS),
          ...items.map((d) => csvRow(DEAL_CSV_COLUMNS.map((c) => d[c]))),
        ].join("");
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="deals.csv"')
          .send(body as never);
      }
      return { items };
    },
  );

  app.patch(
    "/deals/:id",
    {
      preHandler: requireManager,
      schema: {
        tags: ["plays"],
        summary:
          "Move a deal to a stage (identified, qualified, proposal, won, lost), or change its estimate or owner (manager or admin; audited)",
        params: IdParams,
        body: DealUpdate,
        response: { 200: DealView, ...writeErrors },
      },
    },
    async (req) =>
      moveDeal(ctx, orgOf(req), req.params.id, {
        stage: req.body.stage,
        estimatedAmount: req.body.estimated_amount,
        owner: req.body.owner,
        note: req.body.note,
        actor: actorOf(req),
      }),
  );

  app.get(
    "/plays/insights",
    {
      preHandler: read,
      schema: {
        tags: ["plays"],
        summary: "Operator insights from org-scope tactics",
        response: { 200: InsightList, ...errors },
      },
    },
    async (req) => ({ items: await listPlayInsights(ctx, orgOf(req)) }),
  );
};
