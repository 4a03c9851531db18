import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseConfig } from "../src/core/config.ts";
import { SCORE_KINDS } from "../src/core/scores/kinds.ts";
import { addDays } from "../src/core/util/dates.ts";
import { DEMO_PLANS } from "../src/demo/workspace/plans.ts";
import type { Row } from "../src/store/bulk-upsert.ts";
import { upsertPlan } from "../src/store/customer-write.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { writeBatch } from "../src/store/write-batch.ts";
import { backfillHistory } from "../src/usecases/backfill-history.ts";
import { freshTarget } from "./fresh-store.ts";
import { syntheticCustomerRows, syntheticIds, syntheticTier } from "./synthetic-customers.ts";

const AS_OF = "2026-06-30";
/** Days of rollups before the as-of day: the 90-day window plus a 30-day start (scores look back further). */
const DATA_DAYS = 120;
const FEATURES = ["dashboards", "reports", "exports", "alerts", "workflows", "search"];

/** Deterministic pseudo-random in [0, 1) from two integers (as bench/recompute.ts). */
const hash = (a: number, b: number) => {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
};

/**
 * History backfill of 90 days for N customers (the workspace of bench/recompute.ts: 20 active
 * days in 60, 4 rollup cells a day, over the last 120 days; a tenth fading): one replay through
 * `computeScores` of every score kind per customer and day, written in bulk. Prints seconds,
 * rows written, rows/s and peak RSS.
 */
export async function backfillBench(customers: number, store: string): Promise<void> {
  const { target, cleanup } = freshTarget(store, "backfill");
  const db = await openDb(store === "postgres" ? { databaseUrl: target } : { sqlitePath: target });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  try {
    const now = () => new Date(`${addDays(AS_OF, 1)}T06:00:00Z`);
    const org = await ensureOrg(db, "bench", now());
    for (const { tier, ...plan } of DEMO_PLANS) await upsertPlan(db, org.id, tier, plan);
    const t0 = performance.now();
    const ids = syntheticIds(customers);
    function* subscriptionRows(): Generator<Row> {
      for (const [i, id] of ids.entries()) {
        const tier = syntheticTier(i);
        // A twentieth cancel inside the window (lifecycle transitions to churned).
        const end = i % 20 === 0 ? addDays(AS_OF, -(i % 80)) : null;
        yield [
          `s${id}`,
          id,
          id,
          tier,
          addDays(AS_OF, -400 + (i % 300)),
          end,
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
        for (let d = DATA_DAYS - 1; d >= 0; d--) {
          const p = (20 / 60) * (fading && d < 45 ? 0.3 : 1);
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
    await writeBatch(db, org.id, {
      customers: syntheticCustomerRows(ids, AS_OF),
      subscriptions: subscriptionRows(),
    });
    const cells = await writeBatch(db, org.id, { metrics_daily: rollups() });
    const setup = (performance.now() - t0) / 1000;
    const config = parseConfig({});
    const ctx = { db, defaults: config, now };
    // How long a request would wait behind the backfill: the event loop's worst delay.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const r = await backfillHistory(ctx, org.id, { asOf: AS_OF, days: 90 });
    const cpu = process.cpuUsage(cpu0);
    loop.disable();
    const cpu1 = process.cpuUsage();
    const again = await backfillHistory(ctx, org.id, { asOf: AS_OF, days: 90 });
    const cpuAgain = process.cpuUsage(cpu1);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const rows = r.written.history + r.written.transitions;
    console.log(
      [
        `backfill, ${store}: ${customers.toLocaleString("en-US")} customers, ${r.replayDays} days replayed (90 daily + weekly before), ${SCORE_KINDS.length} kinds (${cells.metrics_daily!.toLocaleString("en-US")} rollup cells; setup ${setup.toFixed(1)} s)`,
        "| figure | value |",
        "|---|---|",
        `| backfill s | ${r.seconds.toFixed(2)} |`,
        `| of which load / replay / write s | ${[r.phases.load, r.phases.compute, r.phases.save].map((x) => x.toFixed(2)).join(" / ")} |`,
        `| CPU s of this process (user + system; the machine is shared) | ${((cpu.user + cpu.system) / 1e6).toFixed(2)} |`,
        `| history rows written | ${r.written.history.toLocaleString("en-US")} |`,
        `| lifecycle transitions written | ${r.written.transitions.toLocaleString("en-US")} |`,
        `| rows/s | ${Math.round(rows / r.seconds).toLocaleString("en-US")} |`,
        `| customer-days/s | ${Math.round((customers * r.replayDays) / r.seconds).toLocaleString("en-US")} |`,
        `| event loop delay p99 / max ms (what an HTTP request beside it waits) | ${(loop.percentile(99) / 1e6).toFixed(0)} / ${(loop.max / 1e6).toFixed(0)} |`,
        `| rerun s (nothing new: ${again.written.history + again.written.transitions} rows) | ${again.seconds.toFixed(2)} |`,
        `| rerun CPU s | ${((cpuAgain.user + cpuAgain.system) / 1e6).toFixed(2)} |`,
        `| peak RSS MiB | ${Math.round(peak / 1048576)} |`,
      ].join("\n"),
    );
  } finally {
    clearInterval(sampler);
    await closeDb(db);
    cleanup();
  }
}
