import { HoldfastError } from "../core/errors.ts";
import { addDays, dayOf, isIsoDay } from "../core/util/dates.ts";
import { dataEndDates } from "../store/early-warning-inputs.ts";
import type { UseCaseContext } from "./context.ts";

/** Data whose last usage or ticket day is older than this many days is historical. */
export const HISTORICAL_AFTER_DAYS = 14;

/**
 * The day the renewals and retention reports are computed as of: the given day; else, when the
 * org's data is historical (its last usage or ticket day, the day `holdfast report` takes as its
 * as-of, is more than HISTORICAL_AFTER_DAYS before today: a RavenStack export, an old demo), that
 * last day; else today by the context's clock.
 */
export async function reportAsOf(ctx: UseCaseContext, orgId: number, given?: string): Promise<string> {
  if (given !== undefined) {
    if (!isIsoDay(given))
      throw new HoldfastError(
        "invalid_input",
        `as_of: ${JSON.stringify(given)} is not a date (expected YYYY-MM-DD)`,
      );
    return given;
  }
  const today = dayOf(ctx.now());
  const ends = await dataEndDates(ctx.db, orgId);
  const last = [ends.usageEnd, ends.ticketEnd]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  return last !== undefined && last < addDays(today, -HISTORICAL_AFTER_DAYS) ? last : today;
}
