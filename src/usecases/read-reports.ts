import { HEADLINE_DRIVERS } from "../core/customers/list-filters.ts";
import { REASON_KINDS, type ReasonKind } from "../core/early-warning/config.ts";
import {
  bookDrivers,
  bookLevels,
  bookStatuses,
  type LostBusiness,
  lostPeriod,
  summarizeLost,
} from "../core/report/book.ts";
import { dayOf } from "../core/util/dates.ts";
import { churnReasonCounts } from "../store/early-warning-inputs.ts";
import type { Db } from "../store/open-store.ts";
import {
  bookDriverFigures,
  bookFigures,
  earlyWarningWindowEnds,
  loadReportSnapshot,
  lostFigures,
  saveReportSnapshot,
} from "../store/reports.ts";
import type { UseCaseContext } from "./context.ts";
import { atRiskLevels, headlineRef } from "./headline.ts";
import { orgConfig } from "./org-config.ts";

type Config = Awaited<ReturnType<typeof orgConfig>>["config"];

/** Lost business in the 12 months up to `asOf`. */
async function lostBusiness(db: Db, orgId: number, asOf: string): Promise<LostBusiness> {
  const period = lostPeriod(asOf);
  const f = await lostFigures(db, orgId, period.from, period.to);
  return summarizeLost(period, f.byReason, f.byMonth);
}

/**
 * The Executive figures: the live book (customers not churned at the as-of day) by the org's
 * headline score (customers, ARR, ARR at risk, levels), every customer by status, and the lost
 * business of the last 12 months. `asOf` defaults to the stored scores' day.
 */
export async function executiveReport(
  db: Db,
  orgId: number,
  config: Config,
  asOf?: string,
  now = new Date(),
) {
  const headline = headlineRef(config);
  const atRisk = atRiskLevels(headline.key);
  const book = await bookFigures(db, orgId, headline.key, atRisk);
  const ends = await earlyWarningWindowEnds(db, orgId);
  const levels = bookLevels(headline.key, book.levels);
  const count = (k: string) => levels.find((l) => l.key === k)?.customers ?? 0;
  const n = book.customers;
  const atRiskCount = levels.filter((l) => atRisk.includes(l.key)).reduce((a, l) => a + l.customers, 0);
  const day = asOf ?? book.as_of ?? dayOf(now);
  return {
    as_of: book.as_of,
    computed_at: book.computed_at,
    customers: n,
    churn_rate_label: book.churn_rate_label,
    high_risk_share: n ? Number((atRiskCount / n).toFixed(4)) : 0,
    arr_at_risk: Number(book.arr_at_risk.toFixed(2)),
    total_arr: Number(book.arr.toFixed(2)),
    avg_arr: n ? Number((book.arr / n).toFixed(2)) : 0,
    level_counts:
      headline.key === "early_warning"
        ? { High: count("High"), Medium: count("Medium"), Low: count("Low") }
        : { High: count("high"), Medium: count("medium"), Low: count("low") },
    usage_window_end: ends.usage_end,
    tickets_window_end: ends.tickets_end,
    book: "live" as const,
    headline,
    levels,
    statuses: bookStatuses(book.statuses),
    lost: await lostBusiness(db, orgId, day),
  };
}

/**
 * The Drivers figures of the live book by the headline score: average score per plan tier, live
 * customers per reason kind (the same keys as the list's `driver=` filter), early warning's
 * reason kinds, the seed's churn reasons, and the lost business.
 */
export async function driversReport(db: Db, orgId: number, config: Config, asOf?: string, now = new Date()) {
  const headline = headlineRef(config);
  const keys = HEADLINE_DRIVERS[headline.key];
  const f = await bookDriverFigures(db, orgId, headline.key, keys);
  const ew =
    headline.key === "early_warning"
      ? f.counts
      : (await bookDriverFigures(db, orgId, "early_warning", REASON_KINDS)).counts;
  const reasons = await churnReasonCounts(db, orgId, null);
  const day = asOf ?? (await bookFigures(db, orgId, headline.key, [])).as_of ?? dayOf(now);
  return {
    risk_by_plan_tier: f.tiers,
    drivers: Object.fromEntries(REASON_KINDS.map((k) => [k, ew[k] ?? 0])) as Record<ReasonKind, number>,
    churn_reasons: Object.entries(reasons).map(([reason_code, count]) => ({ reason_code, count })),
    book: "live" as const,
    headline,
    driver_counts: bookDrivers(headline.key, f.counts),
    lost: await lostBusiness(db, orgId, day),
  };
}

/** Takes the Executive and Drivers snapshots the dashboard reads (after every refresh). */
export async function snapshotBookReports(
  ctx: UseCaseContext,
  orgId: number,
  config: Config,
  asOf: string,
): Promise<void> {
  const at = ctx.now();
  await saveReportSnapshot(
    ctx.db,
    orgId,
    "executive",
    at,
    await executiveReport(ctx.db, orgId, config, asOf, at),
  );
  await saveReportSnapshot(
    ctx.db,
    orgId,
    "drivers",
    at,
    await driversReport(ctx.db, orgId, config, asOf, at),
  );
}

/** A snapshot taken before the live book existed (or for another headline) is recomputed. */
function current(snapshot: unknown, headline: string): boolean {
  const s = snapshot as { book?: string; headline?: { key?: string } } | undefined;
  return s?.book === "live" && s.headline?.key === headline;
}

/** The Executive figures: the snapshot taken by the last refresh, else computed now. */
export async function readExecutiveReport(ctx: UseCaseContext, orgId: number) {
  const { config } = await orgConfig(ctx, orgId);
  const snap = await loadReportSnapshot(ctx.db, orgId, "executive");
  if (current(snap, config.scores.headline)) return snap as Awaited<ReturnType<typeof executiveReport>>;
  return executiveReport(ctx.db, orgId, config, undefined, ctx.now());
}

/** The Drivers figures (the live book's risk by plan tier and drivers, lost business), snapshot first. */
export async function readDriversReport(ctx: UseCaseContext, orgId: number) {
  const { config } = await orgConfig(ctx, orgId);
  const snap = await loadReportSnapshot(ctx.db, orgId, "drivers");
  if (current(snap, config.scores.headline)) return snap as Awaited<ReturnType<typeof driversReport>>;
  return driversReport(ctx.db, orgId, config, undefined, ctx.now());
}
