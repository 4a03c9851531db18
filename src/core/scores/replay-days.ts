import { addDays } from "../util/dates.ts";

/** How far apart the lifecycle replay's points are before the daily history window. */
export const LIFECYCLE_REPLAY_STEP_DAYS = 7;

export interface ReplayDays {
  /** Every day replayed, ascending: weekly points from the earliest data, then each day of the window. */
  days: string[];
  /** The first day of the daily history window (days from here on get a history row). */
  historyFrom: string;
}

/**
 * The days a history replay computes as of: daily over the last `historyDays` days up to `asOf`
 * (the trend charts' window), and before it every 7th day back to the earliest data, enough to
 * date lifecycle transitions within a week over years of history at a seventh of the cost.
 */
export function replayDays(earliest: string | null, asOf: string, historyDays: number): ReplayDays {
  const historyFrom = addDays(asOf, -(historyDays - 1));
  const weekly: string[] = [];
  if (earliest !== null) {
    for (let d = addDays(historyFrom, -LIFECYCLE_REPLAY_STEP_DAYS); d >= earliest; ) {
      weekly.push(d);
      d = addDays(d, -LIFECYCLE_REPLAY_STEP_DAYS);
    }
  }
  weekly.reverse();
  const days = weekly;
  for (let i = 0; i < historyDays; i++) days.push(addDays(historyFrom, i));
  return { days, historyFrom };
}
