import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import { DriversReport, ExecutiveReport } from "../../contracts/reports.ts";
import { readDriversReport, readExecutiveReport } from "../../usecases/read-reports.ts";
import { orgOf, requirePermission } from "../auth.ts";
import type { RouteDeps } from "../deps.ts";

export const reportRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { ctx }) => {
  const errors = { 401: ErrorBody, 403: ErrorBody };
  app.get(
    "/reports/executive",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["reports"],
        summary: "Executive figures from stored scores",
        response: { 200: ExecutiveReport, ...errors },
      },
    },
    async (req) => (await readExecutiveReport(ctx, orgOf(req))) as z.infer<typeof ExecutiveReport>,
  );
  app.get(
    "/reports/drivers",
    {
      preHandler: requirePermission("read"),
      schema: {
        tags: ["reports"],
        summary: "Risk by plan tier, driver counts, churn reasons",
        response: { 200: DriversReport, ...errors },
      },
    },
    async (req) => (await readDriversReport(ctx, orgOf(req))) as z.infer<typeof DriversReport>,
  );
};
