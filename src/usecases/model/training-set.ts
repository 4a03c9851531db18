import { HoldfastError } from "../../core/errors.ts";
import {
  type AccountFacts,
  DatasetBuilder,
  type FeatureLayout,
  featureRow,
  featureSpecs,
  traitSpecs,
} from "../../core/model/features.ts";
import type { Dataset } from "../../core/model/types.ts";
import type { ScoringConfig } from "../../core/scores/index.ts";
import { computeScores } from "../../core/scores/index.ts";
import type { ScoreInput } from "../../core/scores/input.ts";
import { addDays } from "../../core/util/dates.ts";
import { dataEndDates } from "../../store/early-warning-inputs.ts";
import { loadSnapshotFacts } from "../../store/models/snapshot-facts.ts";
import { allTraits } from "../../store/models/traits.ts";
import type { Db } from "../../store/open-store.ts";
import { dataSpan } from "../../store/score-history.ts";
import { loadHistoryPage } from "../../store/score-history-inputs.ts";
import { type Catalog, customerIdPage, loadCatalog } from "../../store/score-inputs.ts";

export type ModelKind = "churn" | "expansion";
export const MODEL_KINDS: readonly ModelKind[] = ["churn", "expansion"];

/** Customers per range load (their facts over the whole range are held at once). */
const PAGE = 100;
/** Days between snapshots ("monthly"). */
export const SNAPSHOT_STEP_DAYS = 30;
/** Days of data a snapshot needs before it (the signals' 30-day windows and baselines). */
const WARMUP_DAYS = 30;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface SnapshotPlan {
  /** The last day of the org's data. */
  end: string;
  /** The newest labeled snapshot (end - horizon): the validation window. */
  validation: string;
  /**
   * Training snapshots, oldest first, every SNAPSHOT_STEP_DAYS: each one's label window ends
   * by the validation day, so no training label looks past it.
   */
  train: string[];
}

/** Monthly snapshot days over the org's data span (pure). */
export function snapshotPlan(span: { first: string; last: string }, horizonDays: number): SnapshotPlan {
  const validation = addDays(span.last, -horizonDays);
  const train: string[] = [];
  for (
    let t = addDays(validation, -horizonDays);
    t >= addDays(span.first, WARMUP_DAYS);
    t = addDays(t, -SNAPSHOT_STEP_DAYS)
  )
    train.push(t);
  return { end: span.last, validation, train: train.reverse() };
}

/** The baselines' scores on the validation rows (NaN: unscored). */
export interface Baselines {
  churn_risk: Float64Array;
  early_warning: Float64Array;
  upgrade_readiness: Float64Array;
}

export interface TrainingSet {
  kind: ModelKind;
  horizonDays: number;
  plan: SnapshotPlan;
  layout: FeatureLayout;
  train: Dataset;
  /** The day of each training row. */
  trainDays: string[];
  valid: Dataset;
  validIds: string[];
  baselines: Baselines;
  positives: { train: number; valid: number };
}

export interface SnapshotRow {
  customerId: string;
  day: string;
  label: boolean;
  row: Float64Array;
}

interface CollectOptions {
  kind: ModelKind;
  horizonDays: number;
  days: readonly string[];
  layout: FeatureLayout;
  config: ScoringConfig;
  /** Only these customers (the leakage test); all when left out. */
  customers?: readonly string[] | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number) => void) | undefined;
  /** Each row as it is made (the row buffer is reused: copy it to keep it). */
  onRow(r: SnapshotRow, input: ScoreInput): void;
}

/** The plan tiers of the catalog, entry first, then any other tier the customers are on. */
export function planLayout(catalog: Catalog): string[] {
  return [...catalog.ranks].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
}

/** The feature layout of an org now: its plan catalog and its custom traits by type. */
export async function orgLayout(db: Db, orgId: number): Promise<FeatureLayout> {
  const catalog = await loadCatalog(db, orgId);
  return { plans: planLayout(catalog), traits: traitSpecs(await allTraits(db, orgId)) };
}

/**
 * The input as of the snapshot day with the plan of that day (its limits and rank), and a
 * past-due status only when a payment had failed by then (the stored subscription is the latest).
 */
export function pointInTime(input: ScoreInput, facts: AccountFacts, catalog: Catalog): ScoreInput {
  const tier = facts.planTier;
  const p = input.profile;
  return {
    ...input,
    profile: {
      ...p,
      planTier: tier,
      planRank: tier === null ? null : (catalog.ranks.get(tier) ?? null),
      planLimits: tier === null ? {} : (catalog.limits.get(tier) ?? {}),
      subscriptionStatus:
        p.subscriptionStatus === "past_due" && !facts.pastDue ? "active" : p.subscriptionStatus,
      arr: facts.arr ?? p.arr,
      seats: facts.seats ?? p.seats,
    },
  };
}

/**
 * Every snapshot row of the org on the given days, oldest day first per customer: features from
 * the range loader's input as of the day (facts dated after it are never read) and the label,
 * churned (or upgraded) within (day, day + horizon]. Customers not yet signed up, or already
 * churned, at a day are left out of it.
 */
export async function collectSnapshots(db: Db, orgId: number, o: CollectOptions): Promise<number> {
  if (o.days.length === 0) return 0;
  const days = [...o.days].sort();
  const catalog = await loadCatalog(db, orgId);
  const cfg = o.config;
  const range = {
    first: days[0]!,
    last: days[days.length - 1]!,
    catalog,
    dataEnds: await dataEndDates(db, orgId),
    ewDays: cfg.earlyWarning.windowDays,
  };
  const specs = featureSpecs(o.layout);
  const row = new Float64Array(specs.length);
  let after: string | null = null;
  let done = 0;
  const only = o.customers ? [...new Set(o.customers)].sort() : null;
  for (;;) {
    if (o.signal?.aborted) throw new HoldfastError("conflict", "training cancelled");
    let ids: string[];
    if (only) {
      ids = only.filter((id) => after === null || id > after).slice(0, PAGE);
    } else ids = await customerIdPage(db, orgId, after, PAGE);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const page = { ids, contiguous: only === null };
    const history = await loadHistoryPage(db, orgId, page, range);
    const facts = await loadSnapshotFacts(db, orgId, page);
    for (let c = 0; c < history.customerIds.length; c++) {
      const id = history.customerIds[c]!;
      const f = facts.get(id);
      if (!f) continue;
      for (const day of days) {
        const input = history.inputAt(c, day, null);
        if (f.signupDate !== null && f.signupDate > day) continue;
        if (f.statusAt(day).status === "churned") continue;
        const horizonEnd = addDays(day, o.horizonDays);
        let label: boolean;
        if (o.kind === "churn") {
          const later = f.statusAt(horizonEnd);
          label = later.status === "churned" && later.churnDate !== null && later.churnDate > day;
        } else label = f.upgrades.some((d) => d > day && d <= horizonEnd);
        const at = f.factsAt(day);
        const pit = pointInTime(input, at, catalog);
        featureRow(o.layout, pit, day, at, f.traits, row);
        o.onRow({ customerId: id, day, label, row }, pit);
      }
    }
    done += history.customerIds.length;
    o.onProgress?.(done);
    await yieldToLoop();
  }
  return done;
}

/**
 * The training set of a kind: monthly snapshots over the org's history (training), the newest
 * labeled one (validation), and the baselines' scores on the validation rows.
 */
export async function buildTrainingSet(
  db: Db,
  orgId: number,
  o: {
    kind: ModelKind;
    horizonDays: number;
    config: ScoringConfig;
    signal?: AbortSignal | undefined;
    onProgress?: ((done: number) => void) | undefined;
  },
): Promise<TrainingSet> {
  const span = await dataSpan(db, orgId);
  if (!span) throw new HoldfastError("invalid_input", "This org has no daily data to train a model on");
  const plan = snapshotPlan(span, o.horizonDays);
  const layout = await orgLayout(db, orgId);
  const specs = featureSpecs(layout);
  const train = new DatasetBuilder(specs);
  const valid = new DatasetBuilder(specs);
  const trainDays: string[] = [];
  const validIds: string[] = [];
  const base = {
    churn_risk: [] as number[],
    early_warning: [] as number[],
    upgrade_readiness: [] as number[],
  };
  await collectSnapshots(db, orgId, {
    kind: o.kind,
    horizonDays: o.horizonDays,
    days: [...plan.train, plan.validation],
    layout,
    config: o.config,
    signal: o.signal,
    onProgress: o.onProgress,
    onRow(r, input) {
      if (r.day === plan.validation) {
        valid.row.set(r.row);
        valid.push(r.label);
        validIds.push(r.customerId);
        const { results } = computeScores(input, r.day, o.config);
        base.churn_risk.push(results.churn_risk.score ?? Number.NaN);
        base.early_warning.push(results.early_warning.score ?? Number.NaN);
        base.upgrade_readiness.push(results.upgrade_readiness.score ?? Number.NaN);
      } else {
        train.row.set(r.row);
        train.push(r.label);
        trainDays.push(r.day);
      }
    },
  });
  const t = train.build();
  const v = valid.build();
  const count = (y: Uint8Array | undefined) => {
    let n = 0;
    for (const v of y ?? []) n += v;
    return n;
  };
  return {
    kind: o.kind,
    horizonDays: o.horizonDays,
    plan,
    layout,
    train: t,
    trainDays,
    valid: v,
    validIds,
    baselines: {
      churn_risk: Float64Array.from(base.churn_risk),
      early_warning: Float64Array.from(base.early_warning),
      upgrade_readiness: Float64Array.from(base.upgrade_readiness),
    },
    positives: { train: count(t.y), valid: count(v.y) },
  };
}
