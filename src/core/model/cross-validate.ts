import { splitByFold } from "./folds.ts";
import { trainGbtWithScorer } from "./gbt/train.ts";
import { trainLogistic } from "./logistic.ts";
import { metrics } from "./metrics.ts";
import { predict } from "./predict.ts";
import { timeOrderedSplit } from "./subset.ts";
import type { Dataset, GbtParams, LogisticModel, LogisticParams } from "./types.ts";

export const LEARNERS = ["logistic_regression", "gbt", "blend"] as const;
export type LearnerName = (typeof LEARNERS)[number];

export interface LearnerFolds {
  name: LearnerName;
  aucFolds: number[];
  aucMean: number;
  prAucMean: number;
  brierMean: number;
  /** Seconds spent training, summed over the folds (blend: both learners). */
  trainSeconds: number;
}

export interface CrossValidation {
  folds: number;
  learners: LearnerFolds[];
  best: LearnerName;
}

export interface CrossValidateOptions {
  folds: Uint8Array;
  k: number;
  /** Milliseconds, monotonic (the caller's clock; core reads none). */
  clock: () => number;
  logistic?: Partial<LogisticParams>;
  gbt?: Partial<GbtParams>;
  /** Share of each training fold's newest rows held out for the trees' early stopping. */
  validFraction?: number;
  /** The folds' rows already split (splitByFold for k = 0..k-1), shared by the learners. */
  splits?: FoldSplit[];
}

export type FoldSplit = ReturnType<typeof splitByFold>;

/** Every fold's training and test rows. */
export function splitFolds(ds: Dataset, folds: Uint8Array, k: number): FoldSplit[] {
  return Array.from({ length: k }, (_, f) => splitByFold(ds, folds, f));
}

const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);

/** One learner's held-out probabilities per fold and its training seconds per fold. */
export interface FoldPredictions {
  p: Float64Array[];
  secs: number[];
}

/**
 * Trains one learner on every fold's training rows and predicts its held-out rows. The trees
 * early-stop on the newest 10% of the training fold (rows in file order = time order).
 */
export function foldPredictions(
  ds: Dataset,
  learner: "logistic_regression" | "gbt",
  o: CrossValidateOptions,
): FoldPredictions {
  if (!ds.y) throw new RangeError("the data has no labels");
  const out: FoldPredictions = { p: [], secs: [] };
  let previous: LogisticModel | undefined;
  for (let k = 0; k < o.k; k++) {
    const { train, test } = o.splits?.[k] ?? splitByFold(ds, o.folds, k);
    if (train.n === 0 || test.n === 0) throw new RangeError(`fold ${k} is empty; use fewer folds`);
    const t0 = o.clock();
    if (learner === "logistic_regression") {
      // warm start from the previous fold (same inputs, 3/4 of the rows shared): fewer Newton steps
      previous = trainLogistic(train, o.logistic, previous);
      out.secs.push((o.clock() - t0) / 1000);
      out.p.push(predict(previous, test));
    } else {
      // the trees score the test rows on their training bins (the same routing as predict)
      const split = timeOrderedSplit(train, o.validFraction ?? 0.1);
      const fit = trainGbtWithScorer(split.train, split.valid, o.gbt);
      out.secs.push((o.clock() - t0) / 1000);
      out.p.push(fit.score(test));
    }
  }
  return out;
}

/** Metrics of both learners and their blend (mean probability) on the same folds. */
export function scoreFolds(
  ds: Dataset,
  folds: Uint8Array,
  k: number,
  lr: FoldPredictions,
  gbt: FoldPredictions,
  splits?: FoldSplit[],
): CrossValidation {
  const acc = Object.fromEntries(
    LEARNERS.map((n) => [n, { auc: [] as number[], prAuc: [] as number[], brier: [] as number[], secs: 0 }]),
  ) as Record<LearnerName, { auc: number[]; prAuc: number[]; brier: number[]; secs: number }>;
  for (let f = 0; f < k; f++) {
    const { test } = splits?.[f] ?? splitByFold(ds, folds, f);
    const pl = lr.p[f]!;
    const pg = gbt.p[f]!;
    const pb = pl.map((v, i) => (v + pg[i]!) / 2);
    for (const [name, p, secs] of [
      ["logistic_regression", pl, lr.secs[f]!],
      ["gbt", pg, gbt.secs[f]!],
      ["blend", pb, lr.secs[f]! + gbt.secs[f]!],
    ] as const) {
      const m = metrics(p, test.y!);
      const a = acc[name];
      a.auc.push(m.auc);
      a.prAuc.push(m.prAuc);
      a.brier.push(m.brier);
      a.secs += secs;
    }
  }
  const learners = LEARNERS.map((name) => ({
    name,
    aucFolds: acc[name].auc,
    aucMean: mean(acc[name].auc),
    prAucMean: mean(acc[name].prAuc),
    brierMean: mean(acc[name].brier),
    trainSeconds: acc[name].secs,
  }));
  const best = learners.reduce((b, l) => (l.aucMean > b.aucMean ? l : b)).name;
  return { folds: k, learners, best };
}

/**
 * K-fold cross-validation of every learner on the same folds: logistic regression, gradient-
 * boosted trees (early-stopped on the newest 10% of the training fold) and their blend (the mean
 * of the two probabilities).
 */
export function crossValidate(ds: Dataset, o: CrossValidateOptions): CrossValidation {
  const splits = o.splits ?? splitFolds(ds, o.folds, o.k);
  const lr = foldPredictions(ds, "logistic_regression", { ...o, splits });
  const gbt = foldPredictions(ds, "gbt", { ...o, splits });
  return scoreFolds(ds, o.folds, o.k, lr, gbt, splits);
}
