import { HoldfastError } from "../core/errors.ts";
import { computeScores } from "../core/scores/index.ts";
import { SCORE_KINDS } from "../core/scores/kinds.ts";
import { replayDays } from "../core/scores/replay-days.ts";
import type { Scored } from "../core/scores/result.ts";
import { dayOf, isIsoDay } from "../core/util/dates.ts";
import { appendAudit } from "../store/audit.ts";
import type { Row } from "../store/bulk-upsert.ts";
import { dataEndDates } from "../store/early-warning-inputs.ts";
import type { Db } from "../store/open-store.ts";
import {
  countCustomers,
  dataSpan,
  historyKey,
  latestScoredDay,
  saveHistoryPage,
  storedHistory,
} from "../store/score-history.ts";
import { loadHistoryPage } from "../store/score-history-inputs.ts";
import { customerIdPage, loadCatalog } from "../store/score-inputs.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";
import { enqueue } from "./jobs.ts";
import { orgConfig } from "./org-config.ts";

/** Customers per load (their facts over the whole range are held at once). */
const PAGE = 25;
/** Compute time after which a slice of customers is written and the event loop given back. */
const SLICE_MS = 15;
/** Lets the event loop run what waits (HTTP requests of the process the worker runs in). */
/** The most rows one write carries (memory bound of a batch). */
const MAX_BATCH_ROWS = 100_000;
/** CPU time of this thread (ms): what a write holds the event loop for, on a busy machine too. */
function threadCpuMs(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
}
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
export const DEFAULT_HISTORY_DAYS = 90;
/** Below every other job (refresh 5, ticket analysis 4, daily refresh 1, ...): fresh scores first. */
const HISTORY_PRIORITY = -1;
export const MAX_HISTORY_DAYS = 366;

export interface BackfillOptions {
  /** Days of daily history up to the as-of day (default 90). */
  days?: number | undefined;
  /** Default: the day the org was last scored as of, else the clock's day. */
  asOf?: string | undefined;
  /** Resume after this customer id (pages before it were committed by an earlier attempt). */
  after?: string | null | undefined;
  actor?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: BackfillProgress) => void) | undefined;
}

export interface BackfillProgress {
  asOf: string;
  days: number;
  done: number;
  total: number;
  /** The last customer id whose page is committed (where a retry resumes). */
  after: string | null;
}

export interface BackfillSummary {
  asOf: string;
  historyFrom: string;
  /** Days replayed (the daily window plus the weekly lifecycle points before it). */
  replayDays: number;
  customers: number;
  /** History and transition rows new or changed (0 on a rerun over the same data). */
  written: { history: number; transitions: number };
  seconds: number;
  /** Where the time went: reading, replaying, writing (s). */
  phases: { load: number; compute: number; save: number };
}

const EMPTY = "[]";
const topJson = new WeakMap<object, string>();
/** The top reasons as the saver writes them (shared frozen arrays serialised once). */
function tops(r: Scored): string {
  const a = r.topReasons;
  if (a.length === 0) return EMPTY;
  if (!Object.isFrozen(a)) return JSON.stringify(a);
  let s = topJson.get(a);
  if (s === undefined) {
    s = JSON.stringify(a);
    topJson.set(a, s);
  }
  return s;
}

/**
 * Replays the one scoring pipeline (`computeScores`) over the org's history, without touching
 * the current scores or recording score changes: one `score_history` row per customer, kind and
 * day for the last `days` days up to the as-of day, and a lifecycle transition wherever the
 * stage changes, from the earliest data on (weekly before the daily window). A page of customers
 * is read once for the whole range and each day computed from it in memory; only rows that
 * differ from the stored ones are written, a slice of customers (~15 ms of compute) per
 * transaction with the event loop given back between slices, so a retry resumes after the last
 * committed customer, a rerun writes nothing, and the HTTP server beside it keeps answering.
 */
export async function backfillHistory(
  ctx: UseCaseContext,
  orgId: number,
  opts: BackfillOptions = {},
): Promise<BackfillSummary> {
  const t0 = performance.now();
  const days = opts.days ?? DEFAULT_HISTORY_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_HISTORY_DAYS) {
    throw new HoldfastError(
      "invalid_input",
      `days must be a whole number from 1 to ${MAX_HISTORY_DAYS} (got ${days})`,
    );
  }
  if (opts.asOf !== undefined && !isIsoDay(opts.asOf)) {
    throw new HoldfastError(
      "invalid_input",
      `as-of ${JSON.stringify(opts.asOf)} is not a date (expected YYYY-MM-DD)`,
    );
  }
  const asOf = opts.asOf ?? (await latestScoredDay(ctx.db, orgId)) ?? dayOf(ctx.now());
  const { config } = await orgConfig(ctx, orgId);
  const earliest = (await dataSpan(ctx.db, orgId))?.first ?? null;
  const plan = replayDays(earliest, asOf, days);
  const range = {
    first: plan.days[0]!,
    last: asOf,
    catalog: await loadCatalog(ctx.db, orgId),
    dataEnds: await dataEndDates(ctx.db, orgId),
    ewDays: config.earlyWarning.windowDays,
  };
  const total = await countCustomers(ctx.db, orgId);
  const hIndex = plan.days.indexOf(plan.historyFrom);
  const K = SCORE_KINDS.length;
  const written = { history: 0, transitions: 0 };
  let done = 0;
  const phases = { load: 0, compute: 0, save: 0 };
  let t = performance.now();
  const lap = (phase: keyof typeof phases) => {
    const at = performance.now();
    phases[phase] += (at - t) / 1000;
    t = at;
  };
  let after = opts.after ?? null;
  const nDays = plan.days.length - hIndex;
  let batchRows = 2_000;
  const cancelled = () => {
    if (opts.signal?.aborted) throw new HoldfastError("conflict", "history backfill cancelled");
  };
  for (;;) {
    cancelled();
    const ids = await customerIdPage(ctx.db, orgId, after, PAGE);
    if (ids.length === 0) break;
    const page = await loadHistoryPage(ctx.db, orgId, { ids, contiguous: true }, range);
    await yieldToLoop();
    const stored = await storedHistory(
      ctx.db,
      orgId,
      SCORE_KINDS,
      { first: ids[0]!, last: ids[ids.length - 1]! },
      plan.historyFrom,
      asOf,
    );
    lap("load");
    await yieldToLoop();
    const n = page.customerIds.length;
    const pageStart = done;
    // A slice's rows by kind (written in the table's key order: kind, customer, day).
    let byKind: Row[][] = SCORE_KINDS.map(() => []);
    let transitions: Row[] = [];
    let sliceStart = performance.now();
    let pendingRows = 0;
    for (let c = 0; c < n; c++) {
      const id = page.customerIds[c]!;
      const input0 = page.inputAt(c, plan.days[0]!, null);
      const signup = input0.profile.signupDate;
      let stage: string | null = null;
      const before = stored.size === 0 ? null : SCORE_KINDS.map((kind) => stored.get(historyKey(kind, id)));
      for (let d = 0; d < plan.days.length; d++) {
        const day = plan.days[d]!;
        if (signup !== null && day < signup) continue; // not a customer yet
        const input = d === 0 ? input0 : page.inputAt(c, day, stage);
        const { results, transition } = computeScores(input, day, config);
        if (transition) transitions.push([id, day, transition.from, transition.to, transition.reason]);
        stage = results.lifecycle_stage.level;
        if (d < hIndex) continue;
        for (let k = 0; k < K; k++) {
          const r = results[SCORE_KINDS[k]!];
          const reasons = tops(r);
          const was = before?.[k]?.get(day);
          if (was && was.score === r.score && was.level === r.level && was.reasons === reasons) continue;
          byKind[k]!.push([SCORE_KINDS[k]!, id, day, r.score, r.level, reasons]);
        }
      }
      // Give the event loop back after each slice of ~15 ms (the embedded worker shares it with
      // the HTTP server), and commit the rows when the batch is full or the page ends: a batch
      // is sized so its write holds the thread for ~15 ms too (SQLite writes in the thread;
      // PostgreSQL's COPY mostly waits on the server, so its batches grow large).
      pendingRows += nDays * K;
      const pageEnd = c === n - 1;
      if (pageEnd || performance.now() - sliceStart >= SLICE_MS) {
        lap("compute");
        if (pageEnd || pendingRows >= batchRows) {
          const history = byKind.flat();
          if (history.length > 0 || transitions.length > 0) {
            const cpu0 = threadCpuMs();
            const w = await saveHistoryPage(ctx.db, orgId, { history, transitions });
            const held = Math.max(0.1, threadCpuMs() - cpu0);
            if (history.length >= 500) {
              batchRows = Math.round(
                Math.min(MAX_BATCH_ROWS, Math.max(1_000, (history.length * SLICE_MS) / held)),
              );
            }
            written.history += w.history;
            written.transitions += w.transitions;
          }
          lap("save");
          done = pageStart + c + 1;
          after = id;
          opts.onProgress?.({ asOf, days, done, total, after });
          byKind = SCORE_KINDS.map(() => []);
          transitions = [];
          pendingRows = 0;
        }
        await yieldToLoop();
        cancelled();
        sliceStart = performance.now();
      }
    }
  }
  const summary: BackfillSummary = {
    asOf,
    historyFrom: plan.historyFrom,
    replayDays: plan.days.length,
    customers: done,
    written,
    seconds: (performance.now() - t0) / 1000,
    phases,
  };
  await appendAudit(ctx.db, orgId, ctx.now(), {
    actor: opts.actor ?? "history",
    action: "scores.backfill_history",
    detail: { ...summary, days, resumed_after: opts.after ?? null },
  });
  return summary;
}

/**
 * Queues a history backfill (in the caller's transaction) when the org's daily data spans more
 * than one day; `key` makes it run once per load or import. Returns whether a job was queued.
 */
export async function enqueueHistoryBackfill(
  db: Db,
  orgId: number,
  now: Date,
  key: string,
  payload: { asOf?: string | undefined; days?: number | undefined } = {},
): Promise<boolean> {
  const span = await dataSpan(db, orgId);
  if (!span || span.first === span.last) return false;
  await enqueue(
    db,
    orgId,
    { kind: "backfill_history", payload, idempotencyKey: `history:${key}`, priority: HISTORY_PRIORITY },
    now,
  );
  return true;
}

/** Queues a history backfill on request (the CLI's default; `--now` runs it inline instead). */
export async function queueHistoryBackfill(
  ctx: UseCaseContext,
  orgId: number,
  opts: { days?: number | undefined; asOf?: string | undefined; actor: string },
): Promise<{ id: number; created: boolean }> {
  const days = opts.days ?? DEFAULT_HISTORY_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_HISTORY_DAYS) {
    throw new HoldfastError(
      "invalid_input",
      `days must be a whole number from 1 to ${MAX_HISTORY_DAYS} (got ${days})`,
    );
  }
  const now = ctx.now();
  return withTransaction(ctx.db, async (tx) => {
    const job = await enqueue(
      tx,
      orgId,
      {
        kind: "backfill_history",
        payload: { days, ...(opts.asOf ? { asOf: opts.asOf } : {}) },
        idempotencyKey: `history:request:${now.toISOString()}`,
        priority: HISTORY_PRIORITY,
      },
      now,
    );
    await appendAudit(tx, orgId, now, {
      actor: opts.actor,
      action: "scores.backfill_history_queued",
      subject: `job:${job.id}`,
      detail: { days, as_of: opts.asOf ?? null },
    });
    return job;
  });
}
