/**
 * The churn-model learners' public API (pure; no I/O): L2 logistic regression, histogram
 * gradient-boosted trees, exact TreeSHAP, isotonic/Platt calibration, ranking and calibration
 * metrics, and the table-to-dataset preprocessing. See docs/model.md.
 */
export { applyCalibrator, fitCalibrator } from "./calibration.ts";
export { contributions } from "./contributions.ts";
export {
  type CrossValidation,
  crossValidate,
  type FoldPredictions,
  foldPredictions,
  LEARNERS,
  type LearnerFolds,
  type LearnerName,
  scoreFolds,
} from "./cross-validate.ts";
export { datasetFromTable, type TableOptions } from "./dataset.ts";
export { assignFolds, fnv1a32, splitByFold } from "./folds.ts";
export { DEFAULT_GBT, trainGbt } from "./gbt/train.ts";
export { featureImportance } from "./importance.ts";
export { DEFAULT_LOGISTIC, trainLogistic } from "./logistic.ts";
export { metrics } from "./metrics.ts";
export { margin, predict } from "./predict.ts";
export { subsetRows, timeOrderedSplit } from "./subset.ts";
export type {
  Calibrator,
  Contributions,
  Dataset,
  FeatureSpec,
  GbtModel,
  GbtParams,
  LinearInput,
  LogisticModel,
  LogisticParams,
  Metrics,
  Model,
  ReliabilityBin,
  Tree,
} from "./types.ts";
