import { driverFigures, executiveFigures, loadReportSnapshot } from "../store/reports.ts";
import type { UseCaseContext } from "./context.ts";

/** The Executive figures: the snapshot taken when scores were last saved, else computed now. */
export async function readExecutiveReport(ctx: UseCaseContext, orgId: number) {
  return (await loadReportSnapshot(ctx.db, orgId, "executive")) ?? (await executiveFigures(ctx.db, orgId));
}

/** The Drivers figures (risk by plan tier, driver counts, churn reasons), snapshot first. */
export async function readDriversReport(ctx: UseCaseContext, orgId: number) {
  return (await loadReportSnapshot(ctx.db, orgId, "drivers")) ?? (await driverFigures(ctx.db, orgId));
}
