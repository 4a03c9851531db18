import type { HoldfastConfig } from "../core/config.ts";
import { earlyWarningWindows } from "../core/early-warning/windows.ts";
import { HoldfastError } from "../core/errors.ts";
import { type ScoreChange, scoreChange } from "../core/scores/changes.ts";
import { computeScores } from "../core/scores/index.ts";
import { SCORE_KINDS } from "../core/scores/kinds.ts";
import { isIsoDay } from "../core/util/dates.ts";
import { dataEndDates } from "../store/early-warning-inputs.ts";
import {
  type Catalog,
  type CustomerPage,
  customerIdPage,
  loadCatalog,
  loadScoreInputs,
} from "../store/score-inputs.ts";
import {
  type CustomerScores,
  hasScores,
  type StatusRow,
  saveScores,
  type TransitionRow,
} from "../store/scores.ts";
import type { UseCaseContext } from "./context.ts";
import { refreshModels } from "./model/scoring-models.ts";

/** Customers per load-compute-save step of a full recompute (bounded memory at any org size). */
const PAGE = 2_000;
/** Customers per step when a list of ids is given (read by `in`, not by range). */
const LIST_PAGE = 500;

export interface RecomputeOptions {
  /** The day scores are computed as of (seed 004's windows end at the data, never after it). */
  asOf: string;
  /** Only these customers (ids not in the store are skipped); every customer when left out. */
  customers?: readonly string[] | undefined;
  config: HoldfastConfig;
  /** Recorded on every score row and change. */
  configVersion: number;
  /** Why the scores are recomputed (import, events, daily, config, ...), recorded on each change. */
  cause: string;
  onProgress?: ((done: number) => void) | undefined;
}

export interface RecomputeSummary {
  asOf: string;
  /** Where seed 004's usage and ticket windows ended. */
  windows: { usageEnd: string; ticketEnd: string };
  customers: number;
  /** Score changes recorded (first scores, level changes, thresholds crossed). */
  changes: number;
  /** Lifecycle transitions recorded. */
  transitions: number;
  ms: number;
  /** Where the time went: reading inputs, computing scores and changes, writing (ms). */
  phases: { load: number; compute: number; save: number };
}

/** The pages of a recompute: consecutive id runs of the whole org, or the given ids in chunks. */
async function* pages(
  ctx: UseCaseContext,
  orgId: number,
  ids?: readonly string[],
): AsyncGenerator<CustomerPage> {
  if (ids) {
    const sorted = [...new Set(ids)].sort();
    for (let i = 0; i < sorted.length; i += LIST_PAGE)
      yield { ids: sorted.slice(i, i + LIST_PAGE), contiguous: false };
    return;
  }
  let after: string | null = null;
  for (;;) {
    const page = await customerIdPage(ctx.db, orgId, after, PAGE);
    if (page.length === 0) return;
    yield { ids: page, contiguous: true };
    after = page[page.length - 1]!;
  }
}

/**
 * The one scoring pipeline: every score kind (early warning among them) of the org's customers,
 * or of the listed ones, as of `asOf`, a page at a time: load the page's inputs and its current
 * rows, compute, decide the changes, and store rows, history, transitions, changes and each
 * customer's status (core/customers/status.ts: status, churn date, reason, lost ARR) in one
 * transaction per page.
 */
export async function recomputeScores(
  ctx: UseCaseContext,
  orgId: number,
  opts: RecomputeOptions,
): Promise<RecomputeSummary> {
  const started = performance.now();
  if (!isIsoDay(opts.asOf)) {
    throw new HoldfastError(
      "invalid_input",
      `as-of ${JSON.stringify(opts.asOf)} is not a date (expected YYYY-MM-DD)`,
    );
  }
  const { config, asOf } = opts;
  const thresholds = config.scores.changes.thresholds;
  const catalog: Catalog = await loadCatalog(ctx.db, orgId);
  const windows = earlyWarningWindows(
    await dataEndDates(ctx.db, orgId),
    asOf,
    config.earlyWarning.windowDays,
  );
  // An org's first scoring is the baseline consumers start from (they read it from `scores`):
  // its first scores are not recorded as changes, which would copy every row. A customer first
  // scored later (new, or first recomputed after the baseline) is a change.
  const firstScores = await hasScores(ctx.db, orgId);
  // The org's promoted churn model, loaded once (the composite is the churn risk without one).
  const models = await refreshModels(ctx.db, orgId, config);
  let customers = 0;
  let changeCount = 0;
  let transitionCount = 0;
  const phases = { load: 0, compute: 0, save: 0 };
  let t = performance.now();
  const lap = (phase: keyof typeof phases) => {
    const now = performance.now();
    phases[phase] += now - t;
    t = now;
  };
  for await (const page of pages(ctx, orgId, opts.customers)) {
    const { inputs, previous, storedStatus } = await loadScoreInputs(
      ctx.db,
      orgId,
      page,
      asOf,
      catalog,
      windows,
    );
    const pageModels = models ? await models.forPage(page) : undefined;
    lap("load");
    const scored: CustomerScores[] = new Array(inputs.length);
    const transitions: TransitionRow[] = [];
    const changes: ScoreChange[] = [];
    const statuses: StatusRow[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i]!;
      const st = input.status;
      const was = storedStatus.get(input.customerId);
      if (
        st &&
        (!was ||
          was.status !== st.status ||
          was.churn_date !== st.churnDate ||
          was.churn_reason !== st.churnReason ||
          was.lost_arr !== st.lostArr)
      )
        statuses.push({ customerId: input.customerId, ...st });
      const { results, transition } = computeScores(input, asOf, config, pageModels);
      scored[i] = { customerId: input.customerId, arr: input.profile.arr, results };
      if (transition) transitions.push({ customerId: input.customerId, day: asOf, ...transition });
      for (const kind of SCORE_KINDS) {
        const before = previous.get(kind)?.get(input.customerId);
        const c = scoreChange(input.customerId, kind, before, results[kind], thresholds, firstScores);
        if (c) changes.push(c);
      }
    }
    lap("compute");
    await saveScores(ctx.db, orgId, {
      asOf,
      computedAt: ctx.now(),
      configVersion: opts.configVersion,
      cause: opts.cause,
      customers: scored,
      transitions,
      changes,
      statuses,
    });
    lap("save");
    customers += inputs.length;
    changeCount += changes.length;
    transitionCount += transitions.length;
    opts.onProgress?.(customers);
  }
  return {
    asOf,
    windows: { usageEnd: windows.usageEnd, ticketEnd: windows.ticketEnd },
    customers,
    changes: changeCount,
    transitions: transitionCount,
    ms: Math.round(performance.now() - started),
    phases: {
      load: Math.round(phases.load),
      compute: Math.round(phases.compute),
      save: Math.round(phases.save),
    },
  };
}
