import { spawn } from "node:child_process";

/** One learner's figures as `../shared/anchors/tabular_reference.py` prints them. */
export interface AnchorModel {
  auc_mean: number;
  auc_folds: number[];
  train_seconds: number;
}

export interface AnchorFigures {
  rows: number;
  positives: number;
  features: number;
  models: Record<string, AnchorModel>;
}

export type AnchorRun =
  | { ok: true; figures: AnchorFigures; wallSeconds: number }
  | { ok: false; error: string; wallSeconds: number };

export interface AnchorOptions {
  python: string;
  script: string;
  csv: string;
  id: string;
  label: string;
  positive?: string;
  folds: number;
  drop: string[];
  /** Gives up after this long (default 30 minutes). */
  timeoutMs?: number;
}

/** Runs the scikit-learn/XGBoost anchor script; every failure becomes a value. */
export function runTabularReference(o: AnchorOptions): Promise<AnchorRun> {
  const args = [o.script, o.csv, "--id", o.id, "--label", o.label, "--folds", String(o.folds)];
  if (o.positive !== undefined) args.push("--positive", o.positive);
  if (o.drop.length) args.push("--drop", ...o.drop);
  const t0 = performance.now();
  const secs = () => (performance.now() - t0) / 1000;
  return new Promise((resolve) => {
    let out = "";
    let err = "";
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(o.python, args, {
        stdio: ["ignore", "pipe", "pipe"],
        timeout: o.timeoutMs ?? 30 * 60_000,
      });
    } catch (e) {
      resolve({
        ok: false,
        error: `could not start ${o.python}: ${(e as Error).message}`,
        wallSeconds: secs(),
      });
      return;
    }
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString("utf8");
    });
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString("utf8");
    });
    child.on("error", (e) =>
      resolve({ ok: false, error: `could not run ${o.python}: ${e.message}`, wallSeconds: secs() }),
    );
    child.on("close", (code, signal) => {
      if (code !== 0) {
        const tail = err.trim().split("\n").slice(-3).join(" | ");
        resolve({ ok: false, error: `anchor exited with ${code ?? signal}: ${tail}`, wallSeconds: secs() });
        return;
      }
      try {
        resolve({ ok: true, figures: JSON.parse(out) as AnchorFigures, wallSeconds: secs() });
      } catch {
        resolve({ ok: false, error: `anchor printed no JSON: ${out.slice(0, 200)}`, wallSeconds: secs() });
      }
    });
  });
}
