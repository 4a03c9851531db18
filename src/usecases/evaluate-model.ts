import { type AnchorRun, runTabularReference } from "../adapters/anchor/tabular-reference.ts";
import { HoldfastError } from "../core/errors.ts";
import { assignFolds, type CrossValidation, crossValidate, datasetFromTable } from "../core/model/index.ts";
import { readRecords } from "../ingest/csv/read-records.ts";

export interface EvaluateModelInput {
  csv: string;
  id: string;
  label: string;
  positive?: string;
  drop: string[];
  folds: number;
  /** Run the scikit-learn/XGBoost anchor in the same run. */
  compare?: { python: string; script: string };
}

export interface EvaluateModelResult {
  csv: string;
  rows: number;
  positives: number;
  /** Columns used as features, by inferred type, and the logistic model's one-hot width. */
  numeric: string[];
  categorical: string[];
  designColumns: number;
  cv: CrossValidation;
  /** Wall seconds of the whole k-fold run (every learner, every fold, preprocessing included). */
  runSeconds: number;
  readSeconds: number;
  anchor?: AnchorRun;
  /** Anchor XGBoost training seconds over our whole run's seconds (> 1: we are faster). */
  speedupOverXgboost?: number;
}

/**
 * `holdfast model evaluate`: k-fold cross-validation of the learners on any labeled CSV, folds
 * by fnv1a_32(utf-8 id) % k and the anchor's preprocessing; with `compare`, the anchor runs
 * after ours in the same process tree, so both see the same machine.
 */
export async function evaluateModel(input: EvaluateModelInput): Promise<EvaluateModelResult> {
  if (!Number.isInteger(input.folds) || input.folds < 2 || input.folds > 20) {
    throw new HoldfastError(
      "invalid_input",
      `--folds must be a whole number from 2 to 20 (got ${input.folds})`,
    );
  }
  const t0 = performance.now();
  const records = await readRecords(input.csv);
  const head = Object.keys(records[0]!);
  for (const [flag, col] of [
    ["--id", input.id],
    ["--label", input.label],
    ...input.drop.map((d) => ["--drop", d] as const),
  ] as const) {
    if (!head.includes(col)) {
      throw new HoldfastError("invalid_input", `${flag}: ${input.csv} has no column ${JSON.stringify(col)}`, {
        details: [`columns: ${head.join(", ")}`],
      });
    }
  }
  const positive = input.positive ?? "Yes";
  const labels = new Set(records.map((r) => r[input.label]!.trim()));
  if (!labels.has(positive)) {
    throw new HoldfastError(
      "invalid_input",
      `--positive: no row has ${input.label} = ${JSON.stringify(positive)} (values: ${[...labels].slice(0, 10).join(", ")})`,
    );
  }
  if (labels.size < 2) throw new HoldfastError("invalid_input", `--label: ${input.label} has one value only`);
  const { ds, ids } = datasetFromTable(records, {
    id: input.id,
    label: input.label,
    positive,
    drop: input.drop,
  });
  const readSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const folds = assignFolds(ids, input.folds);
  for (let k = 0; k < input.folds; k++) {
    if (!folds.includes(k))
      throw new HoldfastError("invalid_input", `--folds: fold ${k} has no rows; use fewer folds`);
  }
  const cv = crossValidate(ds, { folds, k: input.folds, clock: () => performance.now() });
  const runSeconds = (performance.now() - t1) / 1000;
  let positives = 0;
  for (const v of ds.y!) positives += v;
  const result: EvaluateModelResult = {
    csv: input.csv,
    rows: ds.n,
    positives,
    numeric: ds.features.filter((f) => f.kind === "numeric").map((f) => f.name),
    categorical: ds.features.filter((f) => f.kind === "categorical").map((f) => f.name),
    designColumns: ds.features.reduce(
      (s, f) => s + (f.kind === "numeric" ? 1 : (f.categories?.length ?? 0)),
      0,
    ),
    cv,
    runSeconds,
    readSeconds,
  };
  if (input.compare) {
    result.anchor = await runTabularReference({
      python: input.compare.python,
      script: input.compare.script,
      csv: input.csv,
      id: input.id,
      label: input.label,
      positive,
      folds: input.folds,
      drop: input.drop,
    });
    const xgb = result.anchor.ok ? result.anchor.figures.models.xgboost : undefined;
    if (xgb) result.speedupOverXgboost = xgb.train_seconds / runSeconds;
  }
  return result;
}
