import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBody } from "../../contracts/common.ts";
import { RenewalList, RenewalsQuery } from "../../contracts/renewals.ts";
import { RetentionQuery, RetentionReport } from "../../contracts/retention.ts";
import { csvRow } from "../../core/csv/cell.ts";
import { allRenewals, listRenewals, type RenewalRow } from "../../usecases/list-renewals.ts";
import { readRevenueRetention } from "../../usecases/revenue-retention.ts";
import { orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

const CSV_COLUMNS = [
  "subscription_id",
  "customer_id",
  "account_name",
  "plan_tier",
  "renewal_date",
  "kind",
  "days_until",
  "arr",
  "auto_renew",
  "owner",
  "risk_score",
  "risk_level",
] as const satisfies readonly (keyof RenewalRow)[];

export const renewalRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

  app.get(
    "/renewals",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["renewals"],
        summary:
          "Open subscriptions of live customers renewing within 30, 60 or 90 days, with risk, ARR, owner",
        querystring: RenewalsQuery,
        response: { 200: RenewalList, ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const input = {
        within: q.within,
        sort: q.sort,
        asOf: q.as_of,
        includeMonthly: q.include_monthly === "true",
      };
      if (q.format === "csv") {
        const all = await allRenewals(ctx, orgOf(req), input);
        const body = [
          csvRow(CSV_COLUMNS),
          ...all.items.map((r) => csvRow(CSV_COLUMNS.map((c) => r[c]))),
        ].join("");
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="renewals-${q.within}d.csv"`)
          .send(body as never);
      }
      return listRenewals(ctx, orgOf(req), { ...input, limit: q.limit, cursor: q.cursor });
    },
  );

  app.get(
    "/reports/retention",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["reports"],
        summary:
          "Monthly gross and net revenue retention, expansion, contraction, churned MRR/ARR, logo churn",
        querystring: RetentionQuery,
        response: { 200: RetentionReport, ...errors },
      },
    },
    async (req) => readRevenueRetention(ctx, orgOf(req), { months: req.query.months, asOf: req.query.as_of }),
  );
};
