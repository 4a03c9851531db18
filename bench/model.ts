// npm run bench -- model [--rows N] [--features N] [--compare yes|no]: the churn learners'
// training and scoring speed on synthetic rows, and the k-fold comparison with the anchor.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type Dataset,
  metrics,
  predict,
  timeOrderedSplit,
  trainGbt,
  trainLogistic,
} from "../src/core/model/index.ts";
import { evaluateModel } from "../src/usecases/evaluate-model.ts";
import { syntheticChurn } from "./model-data.ts";
import { ravenstackTable } from "./ravenstack-table.ts";

const mib = () => Math.round(process.resourceUsage().maxRSS / 1024);
const secs = (t0: number) => (performance.now() - t0) / 1000;
const cpu = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

function toCsv(ds: Dataset): string {
  const head = ["id", ...ds.features.map((f) => f.name), "churn"];
  const lines = [head.join(",")];
  for (let i = 0; i < ds.n; i++) {
    const cells = [`r${i}`];
    ds.features.forEach((f, j) => {
      const v = ds.columns[j]![i]!;
      cells.push(Number.isNaN(v) ? "" : f.kind === "categorical" ? f.categories![v]! : v.toPrecision(6));
    });
    cells.push(ds.y![i] ? "Yes" : "No");
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

async function compareOn(
  name: string,
  csv: string,
  id: string,
  label: string,
  positive: string,
): Promise<void> {
  const r = await evaluateModel({
    csv,
    id,
    label,
    positive,
    drop: [],
    folds: 5,
    compare: { python: "/usr/bin/python3", script: "../shared/anchors/tabular_reference.py" },
  });
  console.log(
    `\n${name}: ${r.rows} rows, ${r.positives} positive, 5 folds; whole run ${r.runSeconds.toFixed(2)} s`,
  );
  for (const l of r.cv.learners) {
    console.log(
      `  ours   ${l.name.padEnd(24)} AUC ${l.aucMean.toFixed(4)}  train ${l.trainSeconds.toFixed(2)} s`,
    );
  }
  if (r.anchor?.ok) {
    for (const [n, m] of Object.entries(r.anchor.figures.models)) {
      console.log(
        `  anchor ${n.padEnd(24)} AUC ${m.auc_mean.toFixed(4)}  train ${m.train_seconds.toFixed(2)} s`,
      );
    }
    console.log(`  anchor XGBoost training / our whole run: ${r.speedupOverXgboost?.toFixed(1)}x`);
  } else console.log(`  anchor failed: ${r.anchor?.error}`);
}

export async function modelBench(rows: number, features: number, compare: boolean): Promise<void> {
  console.log(`# churn model benchmark (${new Date().toISOString()})`);
  let t0 = performance.now();
  const ds = syntheticChurn(rows, features);
  console.log(
    `synthetic table: ${rows} rows x ${features} features in ${secs(t0).toFixed(1)} s; RSS so far ${mib()} MiB`,
  );
  const { train, valid } = timeOrderedSplit(ds, 0.1);
  t0 = performance.now();
  let c0 = process.cpuUsage();
  const gbt = trainGbt(train, valid);
  console.log(
    `GBT (defaults) trained on ${train.n} rows, early-stopped on the newest ${valid.n}: ${secs(t0).toFixed(1)} s wall, ${cpu(c0).toFixed(1)} s CPU, ${gbt.validLoss.length} rounds, ${gbt.trees.length} trees kept; maxRSS ${mib()} MiB`,
  );
  t0 = performance.now();
  c0 = process.cpuUsage();
  const p = predict(gbt, ds);
  console.log(
    `GBT scored ${ds.n} rows: ${secs(t0).toFixed(2)} s wall, ${cpu(c0).toFixed(2)} s CPU; newest-rows AUC ${metrics(p.subarray(train.n), valid.y!).auc.toFixed(4)}`,
  );
  t0 = performance.now();
  c0 = process.cpuUsage();
  // the dense Newton step is O(rows x inputs^2): the regression is timed on the first 200,000 rows
  const lrRows = Math.min(train.n, 200_000);
  const lr = trainLogistic(timeOrderedSplit(train, 1 - lrRows / train.n).train);
  console.log(
    `logistic regression trained on ${lrRows} rows: ${secs(t0).toFixed(1)} s wall, ${cpu(c0).toFixed(1)} s CPU, ${lr.iterations} Newton steps; maxRSS ${mib()} MiB`,
  );
  t0 = performance.now();
  const pl = predict(lr, ds);
  console.log(
    `logistic regression scored ${ds.n} rows: ${secs(t0).toFixed(2)} s; newest-rows AUC ${metrics(pl.subarray(train.n), valid.y!).auc.toFixed(4)}`,
  );
  console.log(`peak RSS (process.resourceUsage().maxRSS): ${mib()} MiB`);
  if (!compare) return;
  await compareOn(
    "Telco",
    "../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv",
    "customerID",
    "Churn",
    "Yes",
  );
  const dir = mkdtempSync(path.join(tmpdir(), "holdfast-bench-model-"));
  try {
    const rs = path.join(dir, "ravenstack-accounts.csv");
    writeFileSync(rs, await ravenstackTable("../shared/data/ravenstack"));
    await compareOn("RavenStack accounts (label churn_flag)", rs, "account_id", "churn_flag", "True");
    const syn = path.join(dir, "synthetic.csv");
    writeFileSync(syn, toCsv(syntheticChurn(20_000, 20, 3)));
    await compareOn("Synthetic 20,000 x 20 (bench/model-data.ts)", syn, "id", "churn", "Yes");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
