import type { Db } from "../store/open-store.ts";
import { enqueue } from "./jobs.ts";

/**
 * Queues the org's plays tick for `asOf` (after a daily refresh, or a refresh that recorded
 * score changes), or for later (`runAt`: a step timer, e.g. an email deferred to the end of quiet
 * hours). Keyed by org and as-of minute: any number of callers queue it once.
 */
export function enqueuePlaysTick(db: Db, orgId: number, asOf: Date, now: Date, runAt?: Date) {
  const minute = asOf.toISOString().slice(0, 16);
  return enqueue(
    db,
    orgId,
    {
      kind: "plays_tick",
      payload: { asOf: `${minute}:00.000Z` },
      idempotencyKey: `plays_tick:${minute}`,
      ...(runAt ? { runAt } : {}),
      priority: 4,
    },
    now,
  );
}
