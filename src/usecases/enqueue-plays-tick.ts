import type { Db } from "../store/open-store.ts";
import { enqueue } from "./jobs.ts";

/**
 * Queues the org's plays tick for `asOf` (after a daily refresh, or a refresh that recorded
 * score changes). Keyed by org and as-of minute: any number of callers queue it once.
 */
export function enqueuePlaysTick(db: Db, orgId: number, asOf: Date, now: Date) {
  const minute = asOf.toISOString().slice(0, 16);
  return enqueue(
    db,
    orgId,
    {
      kind: "plays_tick",
      payload: { asOf: `${minute}:00.000Z` },
      idempotencyKey: `plays_tick:${minute}`,
      priority: 4,
    },
    now,
  );
}
