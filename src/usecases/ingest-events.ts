import type { EventBatchResult } from "../contracts/events.ts";
import { eventEffects, utcDay } from "../core/events/effects.ts";
import { parseEventBatch } from "../ingest/events/parse-events.ts";
import { ingestEvents, planRanks } from "../store/events.ts";
import type { Db } from "../store/open-store.ts";
import { apiCallWeeks, requestRecompute } from "../store/recompute-requests.ts";

export interface IngestOutcome extends EventBatchResult {
  /** Customers queued for an immediate recompute (lifecycle change or API-call drop). */
  recompute: string[];
}

/** Week-over-week API-call drop that triggers an immediate churn-risk recompute (seed 000). */
export const API_DROP = { share: 0.5, minPriorCalls: 20 } as const;

/**
 * One batch of the events API: validate each event, store the new ones with their rollups in
 * one transaction, and queue customers whose lifecycle may have changed or whose API calls fell
 * by more than half week over week.
 */
export async function ingestEventBatch(
  db: Db,
  orgId: number,
  body: unknown,
  now: Date,
  opts: { detectDrops?: boolean } = {},
): Promise<IngestOutcome> {
  const parsed = parseEventBatch(body, now);
  const ranks = await planRanks(db, orgId);
  const { fresh, effects } = await ingestEvents(db, orgId, parsed.events, now, (f) =>
    eventEffects(f, (tier) => ranks.get(tier)),
  );
  const recompute = new Set(effects.lifecycleCustomers);

  // API-call drops: check the customers that sent API calls, as of their latest day in the batch.
  const lastApiDay = new Map<string, string>();
  for (const e of opts.detectDrops === false ? [] : fresh) {
    if (e.type !== "api_calls") continue;
    const d = utcDay(e.timestamp);
    const prev = lastApiDay.get(e.customer_id);
    if (prev === undefined || d > prev) lastApiDay.set(e.customer_id, d);
  }
  const byDay = new Map<string, string[]>();
  for (const [c, d] of lastApiDay) byDay.set(d, [...(byDay.get(d) ?? []), c]);
  const dropped: string[] = [];
  for (const [day, ids] of byDay) {
    for (const [c, w] of await apiCallWeeks(db, orgId, ids, day)) {
      if (w.prior >= API_DROP.minPriorCalls && w.last < w.prior * (1 - API_DROP.share)) dropped.push(c);
    }
  }
  await requestRecompute(db, orgId, dropped, "api_drop", now);
  for (const c of dropped) recompute.add(c);

  return {
    accepted: fresh.length,
    duplicates: parsed.events.length - fresh.length + parsed.duplicatesInBatch,
    rejected: parsed.rejected,
    recompute: [...recompute],
  };
}
