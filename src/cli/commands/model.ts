import { existsSync } from "node:fs";
import type { Command } from "commander";
import { HoldfastError } from "../../core/errors.ts";
import { type EvaluateModelResult, evaluateModel } from "../../usecases/evaluate-model.ts";
import { table } from "../format.ts";

const f4 = (x: number | undefined) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(4) : "-");
const s2 = (x: number) => `${x.toFixed(2)} s`;

/** The `model` command group, created once whichever file registers first. */
export function modelGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === "model") ??
    program
      .command("model")
      .description("churn and expansion models: evaluate, train, list, promote, explain")
  );
}

function printEvaluation(r: EvaluateModelResult): void {
  console.log(
    `${r.csv}: ${r.rows} rows, ${r.positives} positive; ${r.numeric.length} numeric and ${r.categorical.length} categorical columns (${r.designColumns} after one-hot); ${r.cv.folds} folds by fnv1a_32(id)\n`,
  );
  const head = [
    "learner",
    ...r.cv.learners[0]!.aucFolds.map((_, k) => `fold ${k}`),
    "mean AUC",
    "PR-AUC",
    "Brier",
    "train",
  ];
  const rows = r.cv.learners.map((l) => [
    l.name === r.cv.best ? `${l.name} *` : l.name,
    ...l.aucFolds.map(f4),
    f4(l.aucMean),
    f4(l.prAucMean),
    f4(l.brierMean),
    s2(l.trainSeconds),
  ]);
  if (r.anchor?.ok) {
    for (const [name, m] of Object.entries(r.anchor.figures.models)) {
      rows.push([`anchor ${name}`, ...m.auc_folds.map(f4), f4(m.auc_mean), "-", "-", s2(m.train_seconds)]);
    }
  }
  console.log(table(head, rows));
  console.log(
    `\nbest: ${r.cv.best} (*); whole ${r.cv.folds}-fold run ${s2(r.runSeconds)} (reading ${s2(r.readSeconds)})`,
  );
  if (r.anchor && !r.anchor.ok) console.log(`anchor failed: ${r.anchor.error}`);
  if (r.anchor?.ok) {
    const best = r.cv.learners.find((l) => l.name === r.cv.best)!;
    const anchorBest = Object.entries(r.anchor.figures.models).reduce((a, b) =>
      b[1].auc_mean > a[1].auc_mean ? b : a,
    );
    console.log(
      `anchor best: ${anchorBest[0]} ${f4(anchorBest[1].auc_mean)}; our best minus anchor best: ${(best.aucMean - anchorBest[1].auc_mean).toFixed(4)} AUC`,
    );
    if (r.speedupOverXgboost !== undefined) {
      console.log(
        `anchor XGBoost trained in ${s2(r.anchor.figures.models.xgboost!.train_seconds)}; our whole run ${
          r.speedupOverXgboost >= 1
            ? `is ${r.speedupOverXgboost.toFixed(1)}x faster`
            : `took ${(1 / r.speedupOverXgboost).toFixed(1)}x as long`
        }`,
      );
    }
  }
}

function registerEvaluateModel(model: Command): void {
  model
    .command("evaluate")
    .description("cross-validate the churn learners on any labeled CSV (folds: fnv1a_32(id) % K)")
    .requiredOption("--csv <file>", "labeled table, one row per customer")
    .requiredOption("--id <col>", "row id column (decides the folds)")
    .requiredOption("--label <col>", "label column")
    .option("--positive <value>", "label value that counts as churned", "Yes")
    .option("--drop <cols>", "comma-separated columns to leave out")
    .option("--folds <k>", "number of folds", "5")
    .option("--json", "print JSON")
    .option("--compare", "also run the scikit-learn/XGBoost anchor and print its figures")
    .option("--anchor <file>", "anchor script", "../shared/anchors/tabular_reference.py")
    .option("--python <bin>", "Python with scikit-learn and XGBoost (default /usr/bin/python3 when present)")
    .action(
      async (o: {
        csv: string;
        id: string;
        label: string;
        positive: string;
        drop?: string;
        folds: string;
        json?: boolean;
        compare?: boolean;
        anchor: string;
        python?: string;
      }) => {
        const folds = Number(o.folds);
        if (!Number.isInteger(folds) || folds < 2 || folds > 20) {
          throw new HoldfastError(
            "invalid_input",
            `--folds must be a whole number from 2 to 20 (got ${JSON.stringify(o.folds)})`,
          );
        }
        if (o.compare && !existsSync(o.anchor)) {
          throw new HoldfastError("invalid_input", `--anchor: no file ${o.anchor}`);
        }
        const python = o.python ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        const r = await evaluateModel({
          csv: o.csv,
          id: o.id,
          label: o.label,
          positive: o.positive,
          drop: (o.drop ?? "")
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
          folds,
          ...(o.compare ? { compare: { python, script: o.anchor } } : {}),
        });
        if (o.json) console.log(JSON.stringify(r, null, 1));
        else printEvaluation(r);
      },
    );
}

/** `holdfast model evaluate` (the registry's train|list|promote|explain live in model-registry.ts). */
export function registerModel(program: Command): void {
  registerEvaluateModel(modelGroup(program));
}
