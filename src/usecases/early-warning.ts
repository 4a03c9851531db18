import type { HoldfastConfig } from "../core/config.ts";
import { type EarlyWarningResult, scoreEarlyWarning } from "../core/early-warning/score.ts";
import type { EarlyWarningSignals } from "../core/early-warning/signals.ts";
import { earlyWarningWindows } from "../core/early-warning/windows.ts";
import { HoldfastError } from "../core/errors.ts";
import { summarizeEarlyWarning } from "../core/report/summarize.ts";
import { isIsoDay } from "../core/util/dates.ts";
import {
  churnedAccounts,
  churnReasonCounts,
  dataEndDates,
  loadEarlyWarningPage,
} from "../store/early-warning-inputs.ts";
import type { Db } from "../store/open-store.ts";
import { driverFigures, executiveFigures, saveReportSnapshot } from "../store/reports.ts";
import { customerIdPage } from "../store/score-inputs.ts";

/** Customers per page read (the same loader and page size as the recompute). */
const PAGE = 2_000;

/** One customer of a read-only early-warning run: its facts, churn label and result. */
export interface EarlyWarningCustomer extends EarlyWarningSignals {
  customerId: string;
  ordinal: number;
  planTier: string | null;
  arr: number;
  churned: boolean;
  result: EarlyWarningResult;
}

export interface EarlyWarningRun {
  asOf: { usageEnd: string; ticketEnd: string };
  /** The label counts churn up to this day (null: as-of defaulted to the data, all events). */
  labelAsOf: string | null;
  customers: EarlyWarningCustomer[];
}

/**
 * Seed 004's early warning of every customer as of a day (default: the latest usage and ticket
 * days in the data, each for its own window, as the seed does), with each customer's churn
 * label, for `holdfast report` and replays. Reads the store a page at a time with the loader
 * the recompute uses, and the same pure rules; writes nothing.
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
  const dataEnd = [ends.usageEnd, ends.ticketEnd]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  if (asOf === undefined && dataEnd === undefined) {
    throw new HoldfastError(
      "not_found",
      "the org has no usage or ticket data to score yet; import some first",
    );
  }
  const ew = config.earlyWarning;
  const windows = earlyWarningWindows(ends, asOf ?? dataEnd!, ew.windowDays);
  const labelAsOf = asOf ?? null;
  const customers: EarlyWarningCustomer[] = [];
  let after: string | null = null;
  for (;;) {
    const ids = await customerIdPage(db, orgId, after, PAGE);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const rows = await loadEarlyWarningPage(db, orgId, { ids, contiguous: true }, windows);
    const churned = await churnedAccounts(db, orgId, [...new Set(rows.map((c) => c.accountId))], labelAsOf);
    for (const c of rows) {
      customers.push({
        customerId: c.customerId,
        ordinal: c.ordinal,
        planTier: c.planTier,
        arr: c.arr,
        churned: churned.has(c.accountId),
        ...c.signals,
        result: scoreEarlyWarning(c.signals, ew),
      });
    }
  }
  return { asOf: { usageEnd: windows.usageEnd, ticketEnd: windows.ticketEnd }, labelAsOf, customers };
}

/** The Executive and Drivers figures of a run (keys as the reference anchor prints them). */
export async function reportEarlyWarning(db: Db, orgId: number, run: EarlyWarningRun) {
  const reasons = await churnReasonCounts(db, orgId, run.labelAsOf);
  return summarizeEarlyWarning(run.customers, reasons, run.asOf);
}

/** Stores the Executive and Drivers figures of the org's current scores, for the dashboard. */
export async function snapshotReports(db: Db, orgId: number, now: Date): Promise<void> {
  await saveReportSnapshot(db, orgId, "executive", now, await executiveFigures(db, orgId));
  await saveReportSnapshot(db, orgId, "drivers", now, await driverFigures(db, orgId));
}
