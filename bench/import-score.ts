import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const SHARED = path.resolve(import.meta.dirname, "../../shared");
const CACHE = path.resolve(import.meta.dirname, "../.bench");

interface Timed {
  seconds: number;
  maxRssMiB: number;
  stdout: string;
}

/** Wall time and peak RSS of a command, via GNU time. */
function timed(cmd: string, args: string[]): Timed {
  const res = spawnSync("/usr/bin/time", ["-f", "%e %M", cmd, ...args], {
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr}`);
  const [sec, kb] = res.stderr.trim().split("\n").at(-1)!.split(" ");
  return { seconds: Number(sec), maxRssMiB: Number(kb) / 1024, stdout: res.stdout };
}

function dataset(scale: number): string {
  const dir = path.join(CACHE, `ravenstack-x${scale}`);
  if (!fs.existsSync(path.join(dir, "ravenstack_feature_usage.csv"))) {
    console.log(`making a ${scale}x RavenStack copy in ${dir}...`);
    execFileSync("python3", [
      path.join(SHARED, "tools/scale_ravenstack.py"),
      path.join(SHARED, "data/ravenstack"),
      dir,
      String(scale),
    ]);
  }
  return dir;
}

const ANCHOR_KEYS = [
  "customers",
  "churn_rate_label",
  "high_risk_share",
  "avg_arr",
  "total_arr",
  "risk_by_plan_tier",
  "level_counts",
  "churn_reasons",
  "top10",
];

function compare(ours: Record<string, unknown>, anchor: Record<string, unknown>, keys: string[]): string[] {
  return keys.filter((k) => JSON.stringify(sortKeys(ours[k])) !== JSON.stringify(sortKeys(anchor[k])));
}
function sortKeys(v: unknown): unknown {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return v;
}

export async function importScoreBench(scale: number, store: string): Promise<void> {
  const dir = dataset(scale);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-bench-"));
  const target = store === "postgres" ? process.env.DATABASE_URL! : path.join(work, "bench.db");
  if (store === "postgres" && !target) throw new Error("--store postgres needs DATABASE_URL");

  console.log(
    `import-score at ${scale}x on ${store} (${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version})`,
  );
  const child = path.join(import.meta.dirname, "import-score-child.ts");
  const lastJson = (t: Timed) => JSON.parse(t.stdout.trim().split("\n").at(-1)!);
  const o = lastJson(timed(process.execPath, [child, "import", dir, target]));
  const re = lastJson(timed(process.execPath, [child, "rescore", target, o.org, "2024-11-30"]));
  fs.rmSync(work, { recursive: true, force: true });

  const anchorPath = path.join(SHARED, "anchors/seed_early_warning.py");
  const vec = timed("/usr/bin/python3", [anchorPath, dir, "--vectorized"]);
  const vecJson = JSON.parse(vec.stdout);
  const row = scale <= 100 ? timed("/usr/bin/python3", [anchorPath, dir]) : undefined;
  const rowJson = row ? JSON.parse(row.stdout) : undefined;

  const diffVec = compare(o.report, vecJson, ANCHOR_KEYS);
  const diffRow = rowJson ? compare(o.report, rowJson, ANCHOR_KEYS) : ["(not run)"];
  const oursTotal = o.importSec + o.scoreSec;
  const fmt = (x: number) => x.toFixed(2);
  const lines = [
    `| figure | Holdfast (${store}) | pandas vectorized | pandas row-wise |`,
    "|---|---|---|---|",
    `| customers | ${o.customers.toLocaleString("en-US")} | ${vecJson.customers.toLocaleString("en-US")} | ${rowJson?.customers.toLocaleString("en-US") ?? "-"} |`,
    `| import (read+validate / write) s | ${fmt(o.importSec)} (${fmt(o.read)} / ${fmt(o.write)}) | load ${fmt(vecJson.seconds.load)} | load ${rowJson ? fmt(rowJson.seconds.load) : "-"} |`,
    `| scoring s (signals from store + rules) | ${fmt(o.scoreSec)} | signals+score ${fmt(vecJson.seconds.signals + vecJson.seconds.score)} | ${rowJson ? fmt(rowJson.seconds.signals + rowJson.seconds.score) : "-"} |`,
    `| import + scoring s | ${fmt(oursTotal)} | total ${fmt(vecJson.seconds.total)}, process ${fmt(vec.seconds)} | total ${rowJson ? fmt(rowJson.seconds.total) : "-"}, process ${row ? fmt(row.seconds) : "-"} |`,
    `| persist scores + history s | ${fmt(o.persistSec)} | - | - |`,
    `| peak RSS MiB (import + scoring process) | ${o.maxRssMiB.toFixed(0)} | ${vec.maxRssMiB.toFixed(0)} | ${row ? row.maxRssMiB.toFixed(0) : "-"} |`,
    `| rescore from the store in a new process, as-of 2024-11-30 (compute / persist) s | ${fmt(re.computeSec)} / ${fmt(re.persistSec)} | - | - |`,
    `| peak RSS MiB (rescore process) | ${re.maxRssMiB.toFixed(0)} | - | - |`,
    `| results equal to anchor (9 keys) | - | ${diffVec.length === 0 ? "yes" : `NO: ${diffVec.join(", ")}`} | ${diffRow.length === 0 ? "yes" : `NO: ${diffRow.join(", ")}`} |`,
  ];
  console.log(lines.join("\n"));
  console.log(
    `\nratio import+scoring / anchor vectorized process: ${(oursTotal / vec.seconds).toFixed(2)}x ` +
      `(/ its internal total: ${(oursTotal / vecJson.seconds.total).toFixed(2)}x)` +
      (row ? `; / row-wise process: ${(oursTotal / row.seconds).toFixed(2)}x` : ""),
  );
  if (diffVec.length > 0) process.exitCode = 1;
}
