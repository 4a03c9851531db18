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
import { countCustomers, dataSpan, latestScoredDay, saveHistoryPage } from "../store/score-history.ts";
import { loadHistoryPage } from "../store/score-history-inputs.ts";
import { customerIdPage, loadCatalog } from "../store/score-inputs.ts";
import { withTransaction } from "../store/transaction.ts";
import type { UseCaseContext } from "./context.ts";
import { enqueue } from "./jobs.ts";
import { orgConfig } from "./org-config.ts";

/** Customers per load-replay-save step (their facts over the whole range are held at once). */
const PAGE = 250;
export const DEFAULT_HISTORY_DAYS = 90;
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
 * is read once for the whole range and each day computed from it in memory; each page commits
 * on its own, so a retry resumes after the last committed page, and a rerun writes nothing new.
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
  const nDays = plan.days.length - hIndex;
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
  for (;;) {
    if (opts.signal?.aborted) throw new HoldfastError("conflict", "history backfill cancelled");
    const ids = await customerIdPage(ctx.db, orgId, after, PAGE);
    if (ids.length === 0) break;
    const page = await loadHistoryPage(ctx.db, orgId, { ids, contiguous: true }, range);
    lap("load");
    const n = page.customerIds.length;
    // The page's history cells, by (kind, customer, day): the table's key order.
    const score = new Float64Array(K * n * nDays).fill(Number.NaN);
    const level = new Array<string | undefined>(K * n * nDays);
    const top = new Array<string>(K * n * nDays);
    const transitions: Row[] = [];
    for (let c = 0; c < n; c++) {
      const input0 = page.inputAt(c, plan.days[0]!, null);
      const signup = input0.profile.signupDate;
      let stage: string | null = null;
      for (let d = 0; d < plan.days.length; d++) {
        const day = plan.days[d]!;
        const input = d === 0 ? input0 : page.inputAt(c, day, stage);
        if (signup !== null && day < signup) continue; // not a customer yet
        const { results, transition } = computeScores(input, day, config);
        if (transition)
          transitions.push([page.customerIds[c]!, day, transition.from, transition.to, transition.reason]);
        stage = results.lifecycle_stage.level;
        if (d < hIndex) continue;
        const dd = d - hIndex;
        for (let k = 0; k < K; k++) {
          const r = results[SCORE_KINDS[k]!];
          const i = (k * n + c) * nDays + dd;
          score[i] = r.score === null ? Number.NaN : r.score;
          level[i] = r.level;
          top[i] = tops(r);
        }
      }
    }
    lap("compute");
    function* history(): Generator<Row> {
      for (let k = 0; k < K; k++) {
        const kind = SCORE_KINDS[k]!;
        for (let c = 0; c < n; c++) {
          const id = page.customerIds[c]!;
          for (let dd = 0; dd < nDays; dd++) {
            const i = (k * n + c) * nDays + dd;
            const lv = level[i];
            if (lv === undefined) continue;
            const s = score[i]!;
            yield [kind, id, plan.days[hIndex + dd]!, Number.isNaN(s) ? null : s, lv, top[i]!];
          }
        }
      }
    }
    const w = await saveHistoryPage(ctx.db, orgId, { history: history(), transitions });
    lap("save");
    written.history += w.history;
    written.transitions += w.transitions;
    done += ids.length;
    after = ids[ids.length - 1]!;
    opts.onProgress?.({ asOf, days, done, total, after });
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
    { kind: "backfill_history", payload, idempotencyKey: `history:${key}`, priority: -1 },
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
