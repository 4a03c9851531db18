import { randomUUID } from "node:crypto";
import type { DeliveryConfig } from "../../core/delivery/config.ts";
import { retryDelayMs } from "../../core/jobs/retry.ts";
import {
  type AttemptOutcome,
  attemptsSince,
  claimOutbox,
  type DeliveryRow,
  finishAttempts,
  nextDueAt,
  oldestAttemptSince,
  startAttempts,
} from "../../store/delivery/outbox-delivery.ts";
import { withTransaction } from "../../store/transaction.ts";
import type { UseCaseContext } from "../context.ts";
import { orgConfig } from "../org-config.ts";
import type { DeliveryResult, OutboxItem } from "./deliverer.ts";
import { DELIVERERS, DISPATCHED_CHANNELS } from "./deliverers.ts";
import { fanOutScoreChanges } from "./score-change-fanout.ts";

/**
 * The dispatcher (docs/delivery.md): claims due outbox rows of the delivered channels under a
 * lease, writes each attempt as `started` in the claim's transaction (a crash leaves evidence),
 * delivers through the channel's deliverer, then records the answer and moves the row to
 * sent, pending with a next attempt (exponential backoff, full jitter), or dead after the
 * channel's attempts. A row whose dispatcher died is claimable again once its lease ends.
 * Per org and channel at most `delivery.rateLimits[channel]` attempts start in any 60 seconds.
 */

export const RATE_WINDOW_MS = 60_000;
const WINDOW = RATE_WINDOW_MS;

export interface DispatchOptions {
  workerId?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Rows claimed per channel per batch. */
  batchSize?: number | undefined;
  /** Deliveries in flight at once. */
  concurrency?: number | undefined;
  leaseMs?: number | undefined;
  /** Stop after this many batches (the job queues a follow-up). */
  maxBatches?: number | undefined;
  /** Only these rows (the test send). */
  ids?: readonly number[] | undefined;
  random?: (() => number) | undefined;
}

export interface DispatchSummary {
  claimed: number;
  sent: number;
  delivered: number;
  retried: number;
  dead: number;
  /** Channels whose rate limit stopped this run with rows still due. */
  rateLimited: string[];
  /** When the next delivery is due: null none, else an ISO time (the rate window's end included). */
  nextAt: string | null;
}

type ClaimedBatch = { rows: DeliveryRow[]; send: DeliveryRow[]; exhausted: DeliveryRow[] };

const parsePayload = (s: string): Record<string, unknown> => {
  try {
    const v = JSON.parse(s) as unknown;
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const endpointOf = (r: DeliveryRow): number | null => {
  if (r.channel !== "webhook") return null;
  const id = Number(parsePayload(r.payload).endpoint_id);
  return Number.isInteger(id) ? id : null;
};

const maxAttemptsOf = (d: DeliveryConfig, channel: string): number =>
  (d.retry.maxAttempts as Record<string, number>)[channel] ?? 5;

/** Claims one batch (every channel, within its rate allowance) and starts its attempts. */
async function claimBatch(
  ctx: UseCaseContext,
  orgId: number,
  d: DeliveryConfig,
  o: Required<Pick<DispatchOptions, "workerId" | "batchSize" | "leaseMs">> & {
    ids?: readonly number[] | undefined;
  },
  limited: Set<string>,
): Promise<ClaimedBatch> {
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    const rows: DeliveryRow[] = [];
    for (const channel of DISPATCHED_CHANNELS) {
      const limit = (d.rateLimits as Record<string, number>)[channel] ?? 0;
      let n = o.batchSize;
      if (limit > 0) {
        const used = await attemptsSince(tx, orgId, channel, new Date(now.getTime() - WINDOW));
        n = Math.min(n, Math.max(0, limit - used));
        if (n === 0) {
          limited.add(channel);
          continue;
        }
      }
      const got = await claimOutbox(tx, orgId, {
        channel,
        workerId: o.workerId,
        limit: n,
        now,
        leaseMs: o.leaseMs,
        ids: o.ids,
      });
      rows.push(...got);
    }
    const send: DeliveryRow[] = [];
    const exhausted: DeliveryRow[] = [];
    // A row claimed back from a lost dispatcher after its last attempt is not sent again.
    for (const r of rows)
      (r.attempts - r.retry_from > maxAttemptsOf(d, r.channel) ? exhausted : send).push(r);
    await startAttempts(
      tx,
      orgId,
      rows.filter((r) => r.attempts > 1).map((r) => r.id),
      send.map((r) => ({
        outboxId: r.id,
        attempt: r.attempts,
        channel: r.channel,
        endpointId: endpointOf(r),
      })),
      now,
    );
    return { rows, send, exhausted };
  });
}

/** Runs one row through its deliverer; a throw or a missing deliverer becomes a value. */
async function deliverOne(
  ctx: UseCaseContext,
  r: DeliveryRow,
  signal: AbortSignal,
): Promise<DeliveryResult | "fanout"> {
  const payload = parsePayload(r.payload);
  // A play's webhook step: its play.fired event went to the endpoints when the tick wrote it.
  if (r.channel === "webhook" && payload.endpoint_id === undefined) return "fanout";
  const deliverer = DELIVERERS[r.channel];
  if (!deliverer)
    return { ok: false, retryable: false, error: `${r.channel} has no deliverer in this build` };
  const item: OutboxItem = {
    id: r.id,
    orgId: r.org_id,
    idempotencyKey: r.idempotency_key,
    customerId: r.customer_id,
    tactic: r.tactic,
    runId: r.run_id,
    stepId: r.step_id,
    channel: r.channel,
    payload,
    attempt: r.attempts - r.retry_from,
    createdAt: r.created_at,
  };
  try {
    return await deliverer(ctx, item, signal);
  } catch (e) {
    return { ok: false, retryable: true, error: `deliverer threw: ${(e as Error).message ?? String(e)}` };
  }
}

async function pool<T, R>(xs: readonly T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(xs.length);
  let next = 0;
  const worker = async () => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await fn(xs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, xs.length) }, worker));
  return out;
}

/** Delivers the org's due outbox rows until none is due (or the rate limit or `maxBatches` stops it). */
export async function dispatchOutbox(
  ctx: UseCaseContext,
  orgId: number,
  opts: DispatchOptions = {},
): Promise<DispatchSummary> {
  const workerId = opts.workerId ?? `dispatch:${randomUUID().slice(0, 8)}`;
  const signal = opts.signal ?? new AbortController().signal;
  const random = opts.random ?? Math.random;
  const o = {
    workerId,
    batchSize: opts.batchSize ?? 200,
    leaseMs: opts.leaseMs ?? 120_000,
    ids: opts.ids,
  };
  const concurrency = opts.concurrency ?? 32;
  const d = (await orgConfig(ctx, orgId)).config.delivery;
  if (!opts.ids) await fanOutScoreChanges(ctx, orgId, d);
  const sum: DispatchSummary = {
    claimed: 0,
    sent: 0,
    delivered: 0,
    retried: 0,
    dead: 0,
    rateLimited: [],
    nextAt: null,
  };
  const limited = new Set<string>();
  for (
    let batch = 0;
    !signal.aborted && (opts.maxBatches === undefined || batch < opts.maxBatches);
    batch++
  ) {
    const b = await claimBatch(ctx, orgId, d, o, limited);
    if (b.rows.length === 0) break;
    sum.claimed += b.rows.length;
    // A fresh context object per batch: deliverers memoise config and endpoints against it.
    const bctx: UseCaseContext = { ...ctx };
    const results = await pool(b.send, concurrency, async (r) => {
      const t0 = performance.now();
      const res = await deliverOne(bctx, r, signal);
      return { r, res, ms: performance.now() - t0 };
    });
    const now = ctx.now();
    const outcomes: AttemptOutcome[] = [];
    for (const { r, res, ms } of results) {
      if (res === "fanout") {
        sum.delivered++;
        outcomes.push({
          outboxId: r.id,
          attempt: r.attempts,
          ok: true,
          code: "fanout",
          error: null,
          latencyMs: ms,
          status: "delivered",
          nextAttemptAt: null,
        });
        continue;
      }
      const base = { outboxId: r.id, attempt: r.attempts, latencyMs: ms, code: res.code ?? null };
      if (res.ok) {
        sum.sent++;
        outcomes.push({ ...base, ok: true, error: null, status: "sent", nextAttemptAt: null });
        continue;
      }
      const tries = r.attempts - r.retry_from;
      if (res.retryable && tries < maxAttemptsOf(d, r.channel)) {
        sum.retried++;
        const wait = retryDelayMs(tries, { baseMs: d.retry.baseMs, maxMs: d.retry.maxMs }, random);
        outcomes.push({
          ...base,
          ok: false,
          error: res.error,
          status: "pending",
          nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
        });
      } else if (!res.retryable && res.code === "cancelled") {
        // Not sent on purpose (an opt-out or a suppressed address since the row was written).
        outcomes.push({ ...base, ok: false, error: res.error, status: "cancelled", nextAttemptAt: null });
      } else {
        sum.dead++;
        const why = res.retryable
          ? `${res.error} (gave up after ${tries} attempt${tries === 1 ? "" : "s"})`
          : res.error;
        outcomes.push({ ...base, ok: false, error: why, status: "dead", nextAttemptAt: null });
      }
    }
    for (const r of b.exhausted) {
      sum.dead++;
      outcomes.push({
        outboxId: r.id,
        attempt: r.attempts,
        ok: false,
        code: null,
        error: "dispatcher lost during the last attempt (lease expired); redeliver to try again",
        latencyMs: 0,
        status: "dead",
        nextAttemptAt: null,
      });
    }
    const channels = new Map(b.rows.map((r) => [r.id, { channel: r.channel, endpointId: endpointOf(r) }]));
    await withTransaction(ctx.db, (tx) => finishAttempts(tx, orgId, workerId, outcomes, now, channels));
  }
  sum.rateLimited = [...limited];
  sum.nextAt = await nextAt(ctx, orgId, limited);
  return sum;
}

/** When the org's next dispatch should run: the earliest retry, lease end or rate window end. */
async function nextAt(ctx: UseCaseContext, orgId: number, limited: Set<string>): Promise<string | null> {
  const now = ctx.now();
  const due = await nextDueAt(ctx.db, orgId, DISPATCHED_CHANNELS);
  const times: string[] = [];
  if (due !== null) times.push(due === "" ? now.toISOString() : due);
  for (const ch of limited) {
    const oldest = await oldestAttemptSince(ctx.db, orgId, ch, new Date(now.getTime() - WINDOW));
    if (oldest) times.push(new Date(new Date(oldest).getTime() + WINDOW + 1).toISOString());
  }
  if (times.length === 0) return null;
  // Rows due now but held back by the rate limit wait for the window, not for now.
  const sorted = times.sort();
  if (limited.size > 0 && sorted.length > 1 && sorted[0]! <= now.toISOString()) return sorted[1]!;
  return sorted[0]!;
}
