import { createHash } from "node:crypto";
import type { HoldfastConfig } from "../core/config.ts";
import { type EarlyWarningResult, scoreEarlyWarning } from "../core/early-warning/score.ts";
import { HoldfastError } from "../core/errors.ts";
import { summarizeEarlyWarning } from "../core/report/summarize.ts";
import { isIsoDay } from "../core/util/dates.ts";
import { appendAudit } from "../store/audit.ts";
import {
  churnReasonCounts,
  dataEndDates,
  type EarlyWarningInput,
  loadEarlyWarningInputs,
} from "../store/early-warning-inputs.ts";
import type { Db } from "../store/open-store.ts";
import { driverFigures, executiveFigures, saveReportSnapshot } from "../store/reports.ts";
import { saveScores } from "../store/scores.ts";

export const EARLY_WARNING_KIND = "early_warning";

export interface EarlyWarningRun {
  asOf: { usageEnd: string; ticketEnd: string };
  /** The label counts churn up to this day (null: as-of defaulted to the data, all events). */
  labelAsOf: string | null;
  customers: (EarlyWarningInput & { result: EarlyWarningResult })[];
  configHash: string;
}

export function configHash(config: HoldfastConfig): string {
  return createHash("sha256").update(JSON.stringify(config.earlyWarning)).digest("hex").slice(0, 12);
}

/**
 * Scores every customer of the org as of a day (default: the latest usage and ticket days in
 * the data, each for its own window, as the seed does). Reads the store, writes nothing.
 */
export async function computeEarlyWarning(
  db: Db,
  orgId: number,
  config: HoldfastConfig,
  asOf?: string,
): Promise<EarlyWarningRun> {
  if (asOf !== undefined && !isIsoDay(asOf)) {
    throw new HoldfastError(
      "invalid_input",
      `as-of ${JSON.stringify(asOf)} is not a date (expected YYYY-MM-DD)`,
    );
  }
  const ends = await dataEndDates(db, orgId);
  const usageEnd = asOf ?? ends.usageEnd ?? ends.ticketEnd;
  const ticketEnd = asOf ?? ends.ticketEnd ?? ends.usageEnd;
  if (!usageEnd || !ticketEnd) {
    throw new HoldfastError(
      "not_found",
      "the org has no usage or ticket data to score yet; import some first",
    );
  }
  const ew = config.earlyWarning;
  const inputs = await loadEarlyWarningInputs(db, orgId, {
    usageEnd,
    ticketEnd,
    days: ew.windowDays,
    labelAsOf: asOf ?? null,
  });
  const customers = inputs.map((c) => Object.assign(c, { result: scoreEarlyWarning(c, ew) }));
  return {
    asOf: { usageEnd, ticketEnd },
    labelAsOf: asOf ?? null,
    customers,
    configHash: configHash(config),
  };
}

/** Stores a run as the customers' current early-warning scores and the day's history. */
export async function saveEarlyWarning(db: Db, orgId: number, run: EarlyWarningRun, now: Date) {
  return saveScores(
    db,
    orgId,
    EARLY_WARNING_KIND,
    run.asOf.usageEnd,
    run.configHash,
    now,
    run.customers.map((c) => ({
      customerId: c.customerId,
      arr: c.arr,
      score: c.result.score,
      level: c.result.level,
      reasons: c.result.reasons,
      topReasons: c.result.topReasons,
      actions: c.result.actions,
      signals: {
        usage_last: c.usageLast,
        usage_prior: c.usagePrior,
        errors: c.errors,
        tickets: c.tickets,
        satisfaction: c.satisfaction,
        escalation: c.escalation,
        downgrade: c.downgrade,
        is_trial: c.isTrial,
        churn_intent: c.churnIntent,
        usage_end: run.asOf.usageEnd,
        tickets_end: run.asOf.ticketEnd,
      },
    })),
  );
}

export async function reportEarlyWarning(db: Db, orgId: number, run: EarlyWarningRun) {
  const reasons = await churnReasonCounts(db, orgId, run.labelAsOf);
  return summarizeEarlyWarning(run.customers, reasons, run.asOf);
}

/** Computes and stores every customer's early-warning score, with an audit entry. */
export async function rescoreOrg(
  db: Db,
  orgId: number,
  opts: { config: HoldfastConfig; asOf?: string | undefined; actor: string; now: () => Date },
) {
  const t0 = performance.now();
  const run = await computeEarlyWarning(db, orgId, opts.config, opts.asOf);
  await saveEarlyWarning(db, orgId, run, opts.now());
  await snapshotReports(db, orgId, opts.now());
  await appendAudit(db, orgId, opts.now(), {
    actor: opts.actor,
    action: "scores.early_warning",
    detail: { as_of: run.asOf, config_hash: run.configHash, customers: run.customers.length },
  });
  return {
    customers: run.customers.length,
    asOf: run.asOf.usageEnd,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Stores the Executive and Drivers figures of the org's current scores, for the dashboard. */
export async function snapshotReports(db: Db, orgId: number, now: Date): Promise<void> {
  await saveReportSnapshot(db, orgId, "executive", now, await executiveFigures(db, orgId));
  await saveReportSnapshot(db, orgId, "drivers", now, await driverFigures(db, orgId));
}
