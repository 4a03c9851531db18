import { createHash } from "node:crypto";
import { CATALOG } from "../core/plays/catalog/index.ts";
import type { PlaysConfig } from "../core/plays/config.ts";
import { scheduleCandidates } from "../core/plays/schedule-candidates.ts";
import type { Db } from "../store/open-store.ts";
import {
  allCustomerIds,
  customersSignedUpBetween,
  customersWithChurnIntent,
  customersWithDueRuns,
  customersWithEvents,
  customersWithExpiringOffers,
  customersWithStartDayOfMonth,
} from "../store/plays/changed-customers.ts";

/**
 * The customers an incremental plays tick evaluates (docs/plays.md "Incremental ticks"): those
 * with a score change since the plays cursor, an event or a churn-intent ticket since the last
 * tick, a run whose step timer (next step, retry, deferral or window end) is due, a proposed offer
 * whose time is up, or a schedule trigger that can fire today. Any other customer would come out
 * of `tickCustomer` unchanged: no trigger fires, no step is due, nothing expires.
 */

export interface CandidateReasons {
  changes: number;
  events: number;
  tickets: number;
  timers: number;
  offers: number;
  schedules: number;
}

export interface TickCandidates {
  ids: string[];
  reasons: CandidateReasons;
}

/** The plays config as the tick record keeps it: a change makes the next tick a full one. */
export const playsConfigHash = (config: PlaysConfig): string =>
  createHash("sha256").update(JSON.stringify(config)).digest("hex").slice(0, 32);

export async function tickCandidates(
  db: Db,
  orgId: number,
  input: { config: PlaysConfig; since: Date; now: Date; changed: Iterable<string> },
): Promise<TickCandidates> {
  const since = input.since.toISOString();
  const at = input.now.toISOString();
  const s = scheduleCandidates(CATALOG, input.config, input.since, input.now);
  const [events, tickets, timers, offers, schedules] = await Promise.all([
    customersWithEvents(db, orgId, since, at),
    customersWithChurnIntent(db, orgId, since, at),
    customersWithDueRuns(db, orgId, at),
    customersWithExpiringOffers(db, orgId, at),
    s.all
      ? allCustomerIds(db, orgId)
      : Promise.all([
          ...s.signupRanges.map((w) => customersSignedUpBetween(db, orgId, { ...w, run: w.skip }, at)),
          customersWithStartDayOfMonth(db, orgId, s.startDays),
        ]).then((xs) => xs.flat()),
  ]);
  const changed = [...input.changed];
  const all = new Set<string>([...changed, ...events, ...tickets, ...timers, ...offers, ...schedules]);
  return {
    ids: [...all].sort(),
    reasons: {
      changes: changed.length,
      events: events.length,
      tickets: tickets.length,
      timers: timers.length,
      offers: offers.length,
      schedules: new Set(schedules).size,
    },
  };
}
