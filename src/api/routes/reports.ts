import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import { ErrorBody } from "../../contracts/common.ts";
import { DriversReport, ExecutiveReport } from "../../contracts/reports.ts";
import { driverFigures, executiveFigures, loadReportSnapshot } from "../../store/reports.ts";
import type { AppDeps } from "../app.ts";
import { orgOf, requirePermission } from "../auth.ts";

export const reportRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
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
    async (req) =>
      ((await loadReportSnapshot(deps.db, orgOf(req), "executive")) ??
        (await executiveFigures(deps.db, orgOf(req)))) as z.infer<typeof ExecutiveReport>,
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
    async (req) =>
      ((await loadReportSnapshot(deps.db, orgOf(req), "drivers")) ??
        (await driverFigures(deps.db, orgOf(req)))) as z.infer<typeof DriversReport>,
  );
};
