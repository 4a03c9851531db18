/**
 * The shapes shared by the churn-model learners. Everything here is plain data (typed arrays are
 * converted to number arrays in model JSON), so models can be stored and reloaded as JSON.
 */

export interface FeatureSpec {
  name: string;
  kind: "numeric" | "categorical";
  /** Category labels of a categorical feature; the column holds the index into this list. */
  categories?: string[];
}

/** A column-major table: `columns[j][i]` is feature j of row i. NaN = missing. */
export interface Dataset {
  n: number;
  features: FeatureSpec[];
  columns: Float64Array[];
  /** Labels 0/1 (absent when scoring). */
  y?: Uint8Array;
}

export interface LogisticParams {
  /** L2 penalty as sklearn's 1/C: loss = sum(logloss) + l2/2 * |w|^2 (intercept not penalized). */
  l2: number;
  maxIter: number;
  tol: number;
}

export interface GbtParams {
  maxDepth: number;
  maxLeaves: number;
  learningRate: number;
  nTrees: number;
  minLeaf: number;
  bins: number;
  rowSample: number;
  colSample: number;
  earlyStopRounds: number;
  l2: number;
  seed: number;
}

/** How the logistic model turns a raw row into its design vector. */
export interface LinearInput {
  /** Index of the source feature in the dataset. */
  feature: number;
  /** Design column name ("tenure", "Contract=Two year"). */
  name: string;
  /** For a one-hot column, the category index it indicates; absent for numeric. */
  category?: number;
  /** Imputed value for a missing numeric (training median); for one-hot, 0. */
  fill: number;
  mean: number;
  sd: number;
}

export interface LogisticModel {
  kind: "logistic";
  features: FeatureSpec[];
  inputs: LinearInput[];
  /** Coefficients on the standardized inputs. */
  coef: number[];
  intercept: number;
  params: LogisticParams;
  iterations: number;
}

/**
 * One regression tree in flat arrays. Internal node i splits on `feature[i]` at raw threshold
 * `threshold[i]` (go left when x <= threshold; for categorical features, when the category is in
 * `leftCats[i]`); missing goes left when `missingLeft[i]`. Leaves have feature -1 and `value`.
 * `cover` is the training hessian sum (used by TreeSHAP).
 */
export interface Tree {
  feature: number[];
  threshold: number[];
  leftCats: (number[] | null)[];
  missingLeft: boolean[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
  /** Split gain of each internal node (0 for leaves). */
  gain: number[];
}

export interface GbtModel {
  kind: "gbt";
  features: FeatureSpec[];
  /** Log-odds of the base rate. */
  base: number;
  trees: Tree[];
  params: GbtParams;
  /** Validation log loss per round when trained with a validation set. */
  validLoss: number[];
  bestIteration: number;
}

export type Model = LogisticModel | GbtModel;

export type Calibrator =
  | { kind: "isotonic"; x: number[]; y: number[] }
  | { kind: "platt"; a: number; b: number };

export interface ReliabilityBin {
  bin: number;
  predicted: number;
  observed: number;
  n: number;
}

export interface Metrics {
  auc: number;
  prAuc: number;
  brier: number;
  ece: number;
  precisionAt: Record<"5" | "10" | "20", number>;
  recallAt: Record<"5" | "10" | "20", number>;
  reliability: ReliabilityBin[];
}

export interface Contributions {
  /** Expected margin (log-odds) over the training data (trees) or at the mean input (LR). */
  base: number;
  /** One value per dataset feature; base + sum(values) = the row's margin. */
  values: Float64Array;
}
