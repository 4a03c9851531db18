import type { EventBatchResult } from "../contracts/events.ts";
import { eventEffects, utcDay } from "../core/events/effects.ts";
import { parseEventBatch } from "../ingest/events/parse-events.ts";
import { withAccountSiblings } from "../store/customers.ts";
import { ingestEvents, planRanks } from "../store/events.ts";
import { apiCallWeeks, requestRecompute } from "../store/recompute-requests.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";
import { applyMessagingEvents } from "./delivery/messaging-events.ts";
import { enqueueQueuedRefresh } from "./jobs.ts";

export interface IngestOutcome extends EventBatchResult {
  /** Customers queued for an immediate recompute (lifecycle change or API-call drop). */
  recompute: string[];
  /** Every customer the batch's new events touched, queued for the jobs worker's refresh. */
  queued: string[];
}

/** Week-over-week API-call drop that triggers an immediate churn-risk recompute (seed 000). */
export const API_DROP = { share: 0.5, minPriorCalls: 20 } as const;

export interface IngestOptions {
  /** Check API-call drops (default true; a backfill that refreshes everything after skips it). */
  detectDrops?: boolean | undefined;
  /** Queue the touched customers for a refresh (default true; off for loaders that refresh after). */
  queue?: boolean | undefined;
}

/**
 * One batch of the events API: validate each event, then in one transaction store the new ones
 * with their rollups and queue every customer they touched for a refresh (never a refresh per
 * batch: intake stays fast, the jobs worker drains the queue). Customers whose lifecycle may
 * have changed or whose API calls fell by more than half week over week are queued as urgent.
 */
export async function ingestEventBatch(
  ctx: UseCaseContext,
  orgId: number,
  body: unknown,
  opts: IngestOptions = {},
): Promise<IngestOutcome> {
  const now = ctx.now();
  const parsed = parseEventBatch(body, now);
  return withTransaction(ctx.db, async (tx) => {
    const ranks = await planRanks(tx, orgId);
    const { fresh, effects } = await ingestEvents(tx, orgId, parsed.events, now, (f) =>
      eventEffects(f, (tier) => ranks.get(tier)),
    );
    const lifecycle = new Set(effects.lifecycleCustomers);
    await applyMessagingEvents(tx, orgId, fresh, now);

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
      for (const [c, w] of await apiCallWeeks(tx, orgId, ids, day)) {
        if (w.prior >= API_DROP.minPriorCalls && w.last < w.prior * (1 - API_DROP.share)) dropped.push(c);
      }
    }
    const urgent = new Set([...lifecycle, ...dropped]);
    // Sorted: the queue's rows are locked in key order, as every write of the batch takes its locks.
    // A ticket moves its account's ticket window (early warning is per account): every
    // customer of that account is queued; other events move only their own customer.
    const ticketed = [
      ...new Set(fresh.filter((e) => e.type.startsWith("ticket_")).map((e) => e.customer_id)),
    ];
    const siblings = ticketed.length > 0 ? await withAccountSiblings(tx, orgId, ticketed) : [];
    const touched = [...new Set([...fresh.map((e) => e.customer_id), ...siblings])].sort();
    // Lifecycle requests were queued with the events (their reason kept); the rest are queued here.
    if (opts.queue !== false) {
      await requestRecompute(
        tx,
        orgId,
        touched.filter((c) => !urgent.has(c)),
        "events",
        now,
      );
    }
    await requestRecompute(tx, orgId, dropped.sort(), "api_drop", now);
    // One queued refresh job per org drains the recompute queue (it commits with the events).
    if (urgent.size > 0 || (opts.queue !== false && touched.length > 0)) {
      await enqueueQueuedRefresh(tx, orgId, now);
    }

    return {
      accepted: fresh.length,
      duplicates: parsed.events.length - fresh.length + parsed.duplicatesInBatch,
      rejected: parsed.rejected,
      recompute: [...urgent],
      queued: opts.queue === false ? [...urgent] : [...new Set([...touched, ...urgent])],
    };
  });
}
