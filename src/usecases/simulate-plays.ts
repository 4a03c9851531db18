import { HoldfastError } from "../core/errors.ts";
import { localMinute } from "../core/plays/time.ts";
import { addDays, isIsoDay } from "../core/util/dates.ts";
import { advanceCursor, readScoreChanges } from "../store/score-changes.ts";
import type { UseCaseContext } from "./context.ts";
import { enqueue } from "./jobs.ts";
import { orgConfig } from "./org-config.ts";
import type { TacticCounts } from "./play-tick-counts.ts";
import { refreshOrg } from "./refresh-org.ts";
import { reportAsOf } from "./report-as-of.ts";
import { PLAYS_CONSUMER, runPlaysTick } from "./run-plays-tick.ts";

/**
 * Plays over the org's last N days, as if Holdfast had run them (docs/plays.md "Simulating the
 * last 30 days"): scores as of the day before the first (that jump back in time is consumed, not
 * acted on), then for each day a daily refresh as of the day and a plays tick at the org's daily
 * time (`scheduler.dailyAt` in `scheduler.timeZone`), plus the step-timer ticks that fall due
 * before the next day's tick. Nothing is a dry run: runs, decisions, outbox rows, tasks and
 * deals are written, so the per-tactic counts exist. The last day is the org's data day, so
 * the current scores end where they were.
 */

export const MAX_SIMULATE_DAYS = 90;
const MAX_TIMER_TICKS_PER_DAY = 6;

export interface SimulateOptions {
  days: number;
  /** The last simulated day (default: the org's data day, the report's as-of). */
  end?: string | undefined;
  actor?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: { day: string; done: number; days: number; ticks: number }) => void) | undefined;
}

export interface SimulateResult {
  from: string;
  to: string;
  days: number;
  ticks: number;
  changes: number;
  customersEvaluated: number;
  outbox: number;
  decisions: number;
  counts: Record<string, TacticCounts>;
  cancelled: boolean;
  seconds: number;
}

/** The instant `hhmm` (HH:MM) falls on `day` in `timeZone`. */
export function localTimeOn(day: string, hhmm: string, timeZone: string): Date {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  const want = h * 60 + m;
  let t = Date.parse(`${day}T${hhmm}:00Z`);
  // Two corrections cover any offset (and a DST change on the day).
  for (let i = 0; i < 2; i++) {
    let diff = localMinute(new Date(t), timeZone) - want;
    if (diff > 720) diff -= 1440;
    if (diff < -720) diff += 1440;
    t -= diff * 60_000;
  }
  return new Date(t);
}

function addCounts(total: Record<string, TacticCounts>, counts: Record<string, TacticCounts>) {
  for (const [slug, c] of Object.entries(counts)) {
    const x = total[slug] ?? { eligible: 0, started: 0, fired: 0, deferred: 0, suppressed: {}, inFlight: 0 };
    total[slug] = x;
    x.eligible += c.eligible;
    x.started += c.started;
    x.fired += c.fired;
    x.deferred += c.deferred;
    x.inFlight = c.inFlight;
    for (const [k, n] of Object.entries(c.suppressed)) x.suppressed[k] = (x.suppressed[k] ?? 0) + n;
  }
}

export async function simulatePlays(
  ctx: UseCaseContext,
  orgId: number,
  opts: SimulateOptions,
): Promise<SimulateResult> {
  const t0 = performance.now();
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > MAX_SIMULATE_DAYS)
    throw new HoldfastError(
      "invalid_input",
      `days: expected a whole number from 1 to ${MAX_SIMULATE_DAYS} (got ${opts.days})`,
    );
  if (opts.end !== undefined && !isIsoDay(opts.end))
    throw new HoldfastError("invalid_input", `end: expected a day YYYY-MM-DD (got ${opts.end})`);
  const end = opts.end ?? (await reportAsOf(ctx, orgId));
  const from = addDays(end, -opts.days + 1);
  const actor = opts.actor ?? "plays.simulate";
  const { config } = await orgConfig(ctx, orgId);
  const { dailyAt, timeZone } = config.scheduler;

  // Scores as of the day before: every change up to here is the baseline, not news to act on.
  await refreshOrg(ctx, orgId, "daily", { asOf: addDays(from, -1), actor });
  let last = 0;
  for (let batch = await readScoreChanges(ctx.db, orgId, 0, 10_000); batch.length > 0; ) {
    last = batch.at(-1)!.id;
    batch = await readScoreChanges(ctx.db, orgId, last, 10_000);
  }
  await advanceCursor(ctx.db, orgId, PLAYS_CONSUMER, last);

  const counts: Record<string, TacticCounts> = {};
  const out: SimulateResult = {
    from,
    to: end,
    days: 0,
    ticks: 0,
    changes: 0,
    customersEvaluated: 0,
    outbox: 0,
    decisions: 0,
    counts,
    cancelled: false,
    seconds: 0,
  };
  for (let d = 0; d < opts.days; d++) {
    if (opts.signal?.aborted) {
      out.cancelled = true;
      break;
    }
    const day = addDays(from, d);
    const r = await refreshOrg(ctx, orgId, "daily", { asOf: day, actor });
    out.changes += r.changes;
    const next = localTimeOn(addDays(day, 1), dailyAt, timeZone).toISOString();
    let at = localTimeOn(day, dailyAt, timeZone);
    for (let i = 0; i <= MAX_TIMER_TICKS_PER_DAY; i++) {
      if (at.getTime() > ctx.now().getTime()) break; // never tick ahead of the clock
      const t = await runPlaysTick(ctx, orgId, { asOf: at, actor, maxDecisions: 0 });
      out.ticks++;
      out.customersEvaluated += t.customers;
      out.outbox += t.written.outbox;
      out.decisions += t.written.decisions;
      addCounts(counts, t.counts);
      // The step timer: a deferred or waiting step due before the next daily tick.
      if (!t.nextDueAt || t.nextDueAt >= next) break;
      at = new Date(Math.max(Date.parse(t.nextDueAt), at.getTime() + 60_000));
    }
    out.days++;
    opts.onProgress?.({ day, done: d + 1, days: opts.days, ticks: out.ticks });
  }
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}

/** Queues the simulation as a job (below refreshes, above the history backfill), once per end day. */
export function enqueuePlaysSimulation(
  ctx: UseCaseContext,
  orgId: number,
  o: { days: number; end: string },
  now: Date,
) {
  return enqueue(
    ctx.db,
    orgId,
    {
      kind: "plays_simulate",
      payload: { days: o.days, end: o.end },
      idempotencyKey: `plays_simulate:${o.end}:${o.days}`,
      priority: 0,
    },
    now,
  );
}
