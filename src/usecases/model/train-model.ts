import type { HoldfastConfig } from "../../core/config.ts";
import { HoldfastError } from "../../core/errors.ts";
import {
  applyCalibrator,
  featureImportance,
  fitCalibrator,
  fnv1a32,
  metrics,
  predict,
  subsetRows,
  trainGbt,
  trainLogistic,
} from "../../core/model/index.ts";
import { liftCurve, promotionDecision } from "../../core/model/promotion.ts";
import type { Metrics, Model } from "../../core/model/types.ts";
import { appendAudit } from "../../store/audit.ts";
import { insertModel, setPromoted } from "../../store/models/registry.ts";
import { withTransaction } from "../../store/transaction.ts";
import type { UseCaseContext } from "../context.ts";
import { enqueue } from "../jobs.ts";
import { orgConfig } from "../org-config.ts";
import { buildTrainingSet, type ModelKind, type TrainingSet } from "./training-set.ts";

export interface TrainProgress {
  kind: ModelKind;
  phase: "snapshots" | "train" | "record";
  done: number;
}

export interface TrainSummary {
  id: number;
  kind: ModelKind;
  version: number;
  learner: "logistic" | "gbt";
  status: "candidate" | "promoted";
  reason: string;
  auc: number;
  headline: { name: string; auc: number };
  rows: { train: number; valid: number };
  trainingMs: number;
}

/** Rank-only view of a baseline score (unscored ranks lowest). */
function ranked(scores: Float64Array): Float64Array {
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = Number.isNaN(scores[i]!) ? -1 : scores[i]! / 100;
  return out;
}

/** The figures kept of a baseline: ranking only (its scores are not probabilities). */
const rankFigures = (m: Metrics) => ({
  auc: m.auc,
  prAuc: m.prAuc,
  precisionAt: m.precisionAt,
  recallAt: m.recallAt,
});

/** The baselines a kind is compared with, the headline first. */
function baselinesOf(kind: ModelKind, config: HoldfastConfig): string[] {
  if (kind === "expansion") return ["upgrade_readiness"];
  const headline = config.scores.headline;
  return headline === "early_warning" ? ["early_warning", "churn_risk"] : ["churn_risk", "early_warning"];
}

const finite = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : null);

/**
 * Trains a churn or expansion model on the org's history (time-ordered: the newest labeled
 * snapshot is the validation window; training snapshots end their label windows before it),
 * fits L2 logistic regression and gradient-boosted trees (early stopping on the newest training
 * snapshot), keeps the better by validation AUC, calibrates it (isotonic) on the validation
 * window, records it with its metrics and the baselines' on the same rows, and promotes it when
 * it beats the headline score there (config `model.autoPromote`).
 */
export async function trainModel(
  ctx: UseCaseContext,
  orgId: number,
  opts: {
    kind: ModelKind;
    actor: string;
    signal?: AbortSignal | undefined;
    onProgress?: ((p: TrainProgress) => void) | undefined;
  },
): Promise<TrainSummary> {
  const { config } = await orgConfig(ctx, orgId);
  const kind = opts.kind;
  const mc = config.model;
  const t0 = performance.now();
  const set = await buildTrainingSet(ctx.db, orgId, {
    kind,
    horizonDays: mc.horizonDays,
    config,
    signal: opts.signal,
    onProgress: (done) => opts.onProgress?.({ kind, phase: "snapshots", done }),
  });
  if (set.train.n === 0 || set.valid.n === 0)
    throw new HoldfastError(
      "invalid_input",
      `Too little history to train a ${kind} model: ${set.plan.train.length} training snapshots, ${set.valid.n} validation rows (the data must span more than ${2 * mc.horizonDays + 30} days)`,
    );
  opts.onProgress?.({ kind, phase: "train", done: 0 });
  const tTrain = performance.now();
  const fitted = fitLearners(set, opts.signal);
  const calibrator = fitCalibrator(fitted.pValid, set.valid.y!, "isotonic");
  // Calibration figures out of fold: each half of the validation customers (by id hash) is
  // calibrated by a calibrator fitted on the other half (the stored one uses all rows).
  const calibrated = crossFitted(fitted.pValid, set.valid.y!, set.validIds);
  const trainingMs = Math.round(performance.now() - tTrain);
  const y = set.valid.y!;
  const raw = metrics(fitted.pValid, y);
  const cal = metrics(calibrated, y);
  const names = baselinesOf(kind, config);
  const baselines: Record<string, ReturnType<typeof rankFigures>> = {};
  const lift: Record<string, { auc: number | null; precisionAt10: number | null }> = {};
  const curves: Record<string, ReturnType<typeof liftCurve>> = { model: liftCurve(fitted.pValid, y) };
  for (const name of names) {
    const scores = ranked(set.baselines[name as keyof TrainingSet["baselines"]]);
    const b = rankFigures(metrics(scores, y));
    baselines[name] = b;
    curves[name] = liftCurve(scores, y);
    lift[name] = {
      auc: finite(raw.auc - b.auc),
      precisionAt10: b.precisionAt["10"] > 0 ? finite(raw.precisionAt["10"] / b.precisionAt["10"]) : null,
    };
  }
  const headline = { name: names[0]!, auc: baselines[names[0]!]!.auc };
  const decision = promotionDecision({
    modelAuc: raw.auc,
    headline,
    snapshots: set.plan.train.length + 1,
    positives: set.positives.train + set.positives.valid,
    minSnapshots: mc.minSnapshots,
    minPositives: mc.minPositives,
  });
  const promote = decision.qualifies && mc.autoPromote;
  const reason =
    decision.qualifies && !mc.autoPromote ? `${decision.reason}; auto-promotion is off` : decision.reason;
  const modelJson = JSON.stringify({ model: fitted.model, layout: set.layout });
  const importance = featureImportance(fitted.model, set.valid).slice(0, 15);
  const metricsJson = {
    validation: {
      day: set.plan.validation,
      rows: set.valid.n,
      positives: set.positives.valid,
      baseRate: finite(set.positives.valid / set.valid.n),
    },
    train: {
      snapshots: set.plan.train.length,
      first: set.plan.train[0] ?? null,
      last: set.plan.train.at(-1) ?? null,
      rows: set.train.n,
      positives: set.positives.train,
    },
    model: {
      auc: raw.auc,
      prAuc: raw.prAuc,
      precisionAt: raw.precisionAt,
      recallAt: raw.recallAt,
      brier: cal.brier,
      ece: cal.ece,
      reliability: cal.reliability,
      uncalibrated: { brier: raw.brier, ece: raw.ece },
      calibration:
        "isotonic, fitted on the validation window; Brier, ECE and reliability out of fold (two halves by customer)",
    },
    candidates: fitted.candidates,
    baselines,
    headline,
    lift,
    liftCurves: curves,
    importance,
    minimum: { snapshots: mc.minSnapshots, positives: mc.minPositives },
  };
  opts.onProgress?.({ kind, phase: "record", done: 0 });
  const now = ctx.now();
  const at = now.toISOString();
  const created = await withTransaction(ctx.db, async (tx) => {
    const ids = await insertModel(tx, orgId, {
      kind,
      status: "candidate",
      status_reason: reason,
      learner: fitted.model.kind,
      window_from: set.plan.train[0]!,
      window_to: set.plan.end,
      horizon_days: mc.horizonDays,
      features: JSON.stringify(fitted.model.features),
      params: JSON.stringify({ ...fitted.params, horizonDays: mc.horizonDays }),
      metrics: JSON.stringify(metricsJson),
      training_ms: Math.round(performance.now() - t0),
      size_bytes: Buffer.byteLength(modelJson),
      model: modelJson,
      calibrator: JSON.stringify(calibrator),
      created_at: at,
      created_by: opts.actor,
      promoted_at: null,
      promoted_by: null,
    });
    if (promote) {
      await setPromoted(tx, orgId, { id: ids.id, kind, reason, at, by: opts.actor });
      if (kind === "churn") await queueRescore(tx, orgId, ids.id, now);
    }
    await appendAudit(tx, orgId, now, {
      actor: opts.actor,
      action: "model.trained",
      subject: `model:${ids.id}`,
      detail: {
        kind,
        version: ids.version,
        learner: fitted.model.kind,
        auc: finite(raw.auc),
        headline,
        promoted: promote,
        reason,
      },
    });
    return ids;
  });
  return {
    id: created.id,
    kind,
    version: created.version,
    learner: fitted.model.kind,
    status: promote ? "promoted" : "candidate",
    reason,
    auc: raw.auc,
    headline,
    rows: { train: set.train.n, valid: set.valid.n },
    trainingMs,
  };
}

function crossFitted(p: Float64Array, y: Uint8Array, ids: readonly string[]): Float64Array {
  const half = ids.map((id) => fnv1a32(id) % 2);
  const out = new Float64Array(p.length);
  for (const h of [0, 1]) {
    const fitRows = half.flatMap((x, i) => (x === h ? [] : [i]));
    const applyRows = half.flatMap((x, i) => (x === h ? [i] : []));
    if (applyRows.length === 0) continue;
    const pf = Float64Array.from(fitRows, (i) => p[i]!);
    const yf = Uint8Array.from(fitRows, (i) => y[i]!);
    const pa = Float64Array.from(applyRows, (i) => p[i]!);
    const c = fitRows.length > 0 ? fitCalibrator(pf, yf, "isotonic") : null;
    const q = c ? applyCalibrator(c, pa) : pa;
    applyRows.forEach((i, k) => {
      out[i] = q[k]!;
    });
  }
  return out;
}

/** Churn risk now comes from another model: rescore every customer. */
async function queueRescore(db: UseCaseContext["db"], orgId: number, modelId: number, now: Date) {
  await enqueue(
    db,
    orgId,
    { kind: "refresh", payload: {}, idempotencyKey: `model:${modelId}`, priority: 5 },
    now,
  );
}

interface Fitted {
  model: Model;
  pValid: Float64Array;
  params: Record<string, unknown>;
  candidates: Record<string, { auc: number | null; ms: number; trees?: number }>;
}

/** Both learners, the better kept by validation AUC (logistic regression on ties: smaller). */
function fitLearners(set: TrainingSet, signal: AbortSignal | undefined): Fitted {
  const lastDay = set.plan.train.at(-1)!;
  const fitRows: number[] = [];
  const stopRows: number[] = [];
  for (let i = 0; i < set.train.n; i++) (set.trainDays[i] === lastDay ? stopRows : fitRows).push(i);
  let t = performance.now();
  const lr = trainLogistic(set.train);
  const pLr = predict(lr, set.valid);
  const lrMs = Math.round(performance.now() - t);
  if (signal?.aborted) throw new HoldfastError("conflict", "training cancelled");
  t = performance.now();
  // Early stopping on the newest training snapshot when there is an older one to fit on.
  const fit =
    fitRows.length > 0 && stopRows.length > 0 ? subsetRows(set.train, Uint32Array.from(fitRows)) : set.train;
  const stop =
    fitRows.length > 0 && stopRows.length > 0 ? subsetRows(set.train, Uint32Array.from(stopRows)) : null;
  const gbt = trainGbt(fit, stop);
  const pGbt = predict(gbt, set.valid);
  const gbtMs = Math.round(performance.now() - t);
  const y = set.valid.y!;
  const aLr = metrics(pLr, y).auc;
  const aGbt = metrics(pGbt, y).auc;
  const candidates = {
    logistic: { auc: finite(aLr), ms: lrMs },
    gbt: { auc: finite(aGbt), ms: gbtMs, trees: gbt.trees.length },
  };
  if (aGbt > aLr || (Number.isNaN(aLr) && !Number.isNaN(aGbt)))
    return {
      model: gbt,
      pValid: pGbt,
      params: { learner: "gbt", ...gbt.params, bestIteration: gbt.bestIteration },
      candidates,
    };
  return { model: lr, pValid: pLr, params: { learner: "logistic", ...lr.params }, candidates };
}
