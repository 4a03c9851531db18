// node bench/model-demo.ts [db-path]: trains the churn and expansion models on the demo
// workspace (2,000 customers, seed 42, 18 months to 2026-11-30; loaded into the SQLite file when
// it is not there yet) and prints validation figures against the baselines. Figures, never assertions.
import fs from "node:fs";
import { parseConfig } from "../src/core/config.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { loadDemoWorkspace } from "../src/usecases/load-demo-workspace.ts";
import { showModel } from "../src/usecases/model/model-registry.ts";
import { trainModel } from "../src/usecases/model/train-model.ts";
import { recomputeScores } from "../src/usecases/recompute.ts";

const END = "2026-11-30";
const file = process.argv[2] ?? "/tmp/holdfast-model-demo.db";
const fresh = !fs.existsSync(file);
const db = await openDb({ sqlitePath: file });
const clock = new Date(`${END}T06:00:00Z`);
const config = parseConfig({});
const ctx = { db, defaults: config, now: () => clock };
const org = await ensureOrg(db, "demo", clock);
if (fresh) {
  const load = await loadDemoWorkspace(ctx, org.id, { customers: 2000, seed: 42, end: END, months: 18 });
  console.log(
    `demo: ${load.customers} customers, ${load.events} events, loaded in ${load.seconds.toFixed(1)} s`,
  );
}
interface Figures {
  auc: number;
  prAuc: number;
  precisionAt: Record<string, number>;
  recallAt: Record<string, number>;
  brier?: number;
  ece?: number;
}
interface Recorded {
  train: { snapshots: number; first: string; last: string };
  validation: { day: string; positives: number };
  candidates: { logistic: { auc: number }; gbt: { auc: number; trees: number } };
  model: Figures;
  baselines: Record<string, Figures>;
  importance: { name: string; value: number }[];
}
const f3 = (x: unknown) => (typeof x === "number" ? x.toFixed(3) : String(x));
for (const kind of ["churn", "expansion"] as const) {
  const t0 = performance.now();
  const s = await trainModel(ctx, org.id, { kind, actor: "bench" });
  const wall = (performance.now() - t0) / 1000;
  const m = (await showModel(ctx, org.id, s.id)).metrics as unknown as Recorded;
  console.log(
    `\n${kind}: model ${s.id} (${s.learner}), ${s.rows.train} training rows over ${m.train.snapshots} snapshots (${m.train.first}..${m.train.last}), validation ${m.validation.day}: ${s.rows.valid} rows, ${m.validation.positives} positives; ${wall.toFixed(1)} s (learners ${s.trainingMs} ms)`,
  );
  console.log(
    `  candidates: logistic AUC ${f3(m.candidates.logistic.auc)}, gbt AUC ${f3(m.candidates.gbt.auc)} (${m.candidates.gbt.trees} trees)`,
  );
  console.log(
    `  model: AUC ${f3(m.model.auc)}, PR-AUC ${f3(m.model.prAuc)}, P@10% ${f3(m.model.precisionAt["10"])}, R@10% ${f3(m.model.recallAt["10"])}, Brier ${f3(m.model.brier)}, ECE ${f3(m.model.ece)}`,
  );
  for (const [name, b] of Object.entries(m.baselines))
    console.log(
      `  ${name}: AUC ${f3(b.auc)}, PR-AUC ${f3(b.prAuc)}, P@10% ${f3(b.precisionAt["10"])}, R@10% ${f3(b.recallAt["10"])}`,
    );
  console.log(`  ${s.status}: ${s.reason}`);
  console.log(
    `  top features: ${m.importance
      .slice(0, 6)
      .map((x) => `${x.name} ${x.value.toFixed(3)}`)
      .join(", ")}`,
  );
}
const r = await recomputeScores(ctx, org.id, { asOf: END, config, configVersion: 0, cause: "bench" });
console.log(
  `\nrecompute with the promoted churn model: ${r.customers} customers in ${r.ms} ms (load ${r.phases.load}, compute ${r.phases.compute}, save ${r.phases.save})`,
);
await closeDb(db);
