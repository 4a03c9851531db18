import { HoldfastError } from "../core/errors.ts";
import { spansFromMrrLog } from "../core/report/mrr-log.ts";
import { monthStarts, type RetentionMonth, revenueRetention } from "../core/report/revenue-retention.ts";
import { mrrLogUpTo } from "../store/mrr-changes.ts";
import { subscriptionSpans } from "../store/revenue-history.ts";
import type { UseCaseContext } from "./context.ts";
import { reportAsOf } from "./report-as-of.ts";

export interface RetentionReport {
  as_of: string;
  months: RetentionMonth[];
}

/** Monthly gross and net revenue retention, expansion, contraction, churn and logo churn. */
export async function readRevenueRetention(
  ctx: UseCaseContext,
  orgId: number,
  opts: { months?: number | undefined; asOf?: string | undefined } = {},
): Promise<RetentionReport> {
  const months = opts.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 36)
    throw new HoldfastError("invalid_input", `months: ${months} is not a whole number from 1 to 36`);
  const asOf = await reportAsOf(ctx, orgId, opts.asOf);
  // Each customer's MRR from the change log where it has one (expansion and contraction show),
  // else from its subscription spans (a customer written before the log, or by a plain upsert).
  const log = await mrrLogUpTo(ctx.db, orgId, asOf);
  const logged = new Set(log.map((c) => c.customerId));
  const spans = [
    ...spansFromMrrLog(log),
    ...(await subscriptionSpans(ctx.db, orgId, monthStarts(asOf, months)[0]!, asOf)).filter(
      (s) => !logged.has(s.customerId),
    ),
  ];
  return { as_of: asOf, months: revenueRetention(spans, asOf, months) };
}
