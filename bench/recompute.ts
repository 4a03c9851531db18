import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "../src/core/config.ts";
import { SCORE_KINDS } from "../src/core/scores/kinds.ts";
import { addDays } from "../src/core/util/dates.ts";
import { DEMO_PLANS } from "../src/demo/workspace/plans.ts";
import type { Row } from "../src/store/bulk-upsert.ts";
import { upsertPlan } from "../src/store/customer-write.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { writeBatch } from "../src/store/write-batch.ts";
import { recomputeScores } from "../src/usecases/recompute.ts";
import { syntheticCustomerRows, syntheticIds, syntheticTier } from "./synthetic-customers.ts";

const AS_OF = "2026-06-30";
const FEATURES = ["dashboards", "reports", "exports", "alerts", "workflows", "search"];

/** Deterministic pseudo-random in [0, 1) from two integers. */
const hash = (a: number, b: number) => {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
};

/**
 * Full recompute of every score kind for N customers whose daily rollups are written straight
 * into the store (the recompute reads rollups, not events): `activeDays` active days in the last
 * 60, each with sessions, API calls and two features' uses (4 cells a day).
 */
export async function recomputeBench(customers: number, activeDays: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-recompute-"));
  const db = await openDb({ sqlitePath: path.join(dir, "bench.db") });
  try {
    const now = () => new Date(`${AS_OF}T06:00:00Z`);
    const org = await ensureOrg(db, "bench", now());
    for (const { tier, ...plan } of DEMO_PLANS) await upsertPlan(db, org.id, tier, plan);
    const t0 = performance.now();
    const ids = syntheticIds(customers);
    function* subscriptionRows(): Generator<Row> {
      for (const [i, id] of ids.entries()) {
        const tier = syntheticTier(i);
        yield [
          `s${id}`,
          id,
          id,
          tier,
          addDays(AS_OF, -400 + (i % 300)),
          null,
          10,
          1_000,
          12_000,
          0,
          0,
          0,
          0,
          "monthly",
          1,
        ];
      }
    }
    function* rollups(): Generator<Row> {
      for (const [i, id] of ids.entries()) {
        const fading = hash(i, 1) < 0.1;
        for (let d = 59; d >= 0; d--) {
          const p = (activeDays / 60) * (fading && d < 30 ? 0.3 : 1);
          if (hash(i, d + 7) >= p) continue;
          const day = addDays(AS_OF, -d);
          const f1 = FEATURES[(i + d) % FEATURES.length]!;
          const f2 = FEATURES[(i + d + 3) % FEATURES.length]!;
          const cells: [string, string, number][] = [
            ["api_calls", "", 100 + (i % 900)],
            ["feature_uses", f1, 1 + (d % 5)],
            ["feature_uses", f2, 2],
            ["sessions", "", 1 + (i % 3)],
          ];
          cells.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
          for (const [metric, key, value] of cells) yield [id, day, metric, key, value];
        }
      }
    }
    const written = await writeBatch(db, org.id, {
      customers: syntheticCustomerRows(ids, AS_OF),
      subscriptions: subscriptionRows(),
    });
    const cells = await writeBatch(db, org.id, { metrics_daily: rollups() });
    const setup = (performance.now() - t0) / 1000;
    const rss0 = process.memoryUsage().rss;
    const config = parseConfig({});
    const ctx = { db, defaults: config, now };
    const run = (asOf: string) =>
      recomputeScores(ctx, org.id, { asOf, config, configVersion: 0, cause: "daily" });
    const r = await run(AS_OF);
    // The next day's run, as the scheduler does it: current rows replaced, one more history day.
    const next = await run(addDays(AS_OF, 1));
    const phases = (x: typeof r) =>
      [x.phases.load, x.phases.compute, x.phases.save].map((ms) => (ms / 1000).toFixed(2)).join(" / ");
    const rss = Math.max(rss0, process.memoryUsage().rss);
    console.log(
      [
        `recompute, SQLite: ${customers.toLocaleString("en-US")} customers, ${activeDays} active days in the last 60 (${cells.metrics_daily!.toLocaleString("en-US")} rollup cells; setup ${setup.toFixed(1)} s for ${written.customers!.toLocaleString("en-US")} customers)`,
        "| figure | value |",
        "|---|---|",
        `| full recompute (load inputs, ${SCORE_KINDS.length} score kinds, save current + history + changes) s | ${(r.ms / 1000).toFixed(2)} |`,
        `| of which load / compute / save s | ${phases(r)} |`,
        `| score changes recorded | ${r.changes.toLocaleString("en-US")} |`,
        `| customers per second | ${Math.round(customers / (r.ms / 1000)).toLocaleString("en-US")} |`,
        `| the next day's full recompute (current rows replaced, a second history day) s | ${(next.ms / 1000).toFixed(2)} |`,
        `| of which load / compute / save s | ${phases(next)} |`,
        `| score changes recorded the next day | ${next.changes.toLocaleString("en-US")} |`,
        `| RSS after MiB | ${Math.round(rss / 1048576)} |`,
      ].join("\n"),
    );
  } finally {
    await closeDb(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
