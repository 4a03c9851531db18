import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "../src/core/config.ts";
import type { ScoreChange } from "../src/core/scores/changes.ts";
import { addDays } from "../src/core/util/dates.ts";
import { DEMO_PLANS } from "../src/demo/workspace/plans.ts";
import type { Row } from "../src/store/bulk-upsert.ts";
import { upsertPlan } from "../src/store/customer-write.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { insertScoreChanges } from "../src/store/score-changes.ts";
import { writeBatch } from "../src/store/write-batch.ts";
import { type PlaysTickResult, runPlaysTick } from "../src/usecases/run-plays-tick.ts";
import { syntheticCustomerRows, syntheticIds, syntheticTier } from "./synthetic-customers.ts";

const AS_OF = "2026-06-30";
const at = (hour: number, minute = 0) =>
  new Date(`${AS_OF}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`);

/** Deterministic pseudo-random in [0, 1) from two integers. */
const hash = (a: number, b: number) => {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[], r: number): T => xs[Math.floor(r * xs.length)]!;

/** Current levels per kind (what eligibility and the leave-alone band read). */
const LEVELS: Record<string, readonly string[]> = {
  churn_risk: ["low", "low", "medium", "high", "critical"],
  health: ["healthy", "healthy", "watch", "at_risk"],
  engagement: ["low", "medium", "high"],
  lifecycle_stage: ["active", "active", "at_risk", "advocate"],
  upgrade_readiness: ["not_ready", "talk_to", "pitch", "leave_alone"],
  usage_trend: ["stable", "growing", "declining"],
};

/** A score change that makes a tactic's trigger fire (churn tiers, health, readiness, usage). */
const CHANGES: readonly Omit<ScoreChange, "customerId">[] = [
  { kind: "churn_risk", oldScore: 40, newScore: 62, oldLevel: "medium", newLevel: "high", crossed: null },
  { kind: "churn_risk", oldScore: 62, newScore: 85, oldLevel: "high", newLevel: "critical", crossed: null },
  { kind: "health", oldScore: 70, newScore: 50, oldLevel: "healthy", newLevel: "watch", crossed: null },
  {
    kind: "upgrade_readiness",
    oldScore: 50,
    newScore: 70,
    oldLevel: "talk_to",
    newLevel: "pitch",
    crossed: null,
  },
  { kind: "usage_trend", oldScore: 50, newScore: 70, oldLevel: "stable", newLevel: "growing", crossed: null },
  { kind: "engagement", oldScore: 50, newScore: 30, oldLevel: "medium", newLevel: "low", crossed: null },
];

async function addChanges(
  db: Awaited<ReturnType<typeof openDb>>,
  orgId: number,
  ids: readonly string[],
  salt: number,
  when: Date,
) {
  for (let i = 0; i < ids.length; i += 10_000) {
    const batch = ids.slice(i, i + 10_000).map((customerId, j) => ({
      customerId,
      ...pick(CHANGES, hash(i + j, salt)),
    }));
    await insertScoreChanges(db, orgId, batch, { cause: "bench", configVersion: 0, at: when.toISOString() });
  }
}

const secs = (ms: number) => (ms / 1000).toFixed(2);
const line = (label: string, r: PlaysTickResult, ms: number, cpu: number) =>
  `| ${label} | ${r.mode} | ${r.customers.toLocaleString("en-US")} | ${secs(ms)} | ${secs(cpu)} | ${secs(r.phases.select)} / ${secs(r.phases.load)} / ${secs(r.phases.pure)} / ${secs(r.phases.write)} | ${r.customers ? ((r.phases.pure * 1000) / r.customers).toFixed(0) : "-"} | ${r.written.decisions.toLocaleString("en-US")} | ${r.written.outbox.toLocaleString("en-US")} |`;

/**
 * One plays tick over a synthetic book on SQLite (npm run bench -- plays-tick --customers N):
 * every customer has a monthly subscription and current levels of six score kinds; a tenth of
 * them have a score change that fires a tactic. A full tick (per phase: select, load, pure,
 * write), then incremental ticks with 0, 1k, 10k and 100k changed customers. Figures only.
 */
export async function playsTickBench(customers: number, increments: readonly number[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-plays-tick-"));
  const db = await openDb({ sqlitePath: path.join(dir, "bench.db") });
  try {
    const config = parseConfig({});
    let clock = at(9);
    const ctx = { db, defaults: config, now: () => clock };
    const org = await ensureOrg(db, "bench", clock);
    for (const { tier, ...plan } of DEMO_PLANS) await upsertPlan(db, org.id, tier, plan);
    const t0 = performance.now();
    const ids = syntheticIds(customers);
    function* subscriptions(): Generator<Row> {
      for (const [i, id] of ids.entries())
        yield [
          `s${id}`,
          id,
          id,
          syntheticTier(i),
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
    function* scores(): Generator<Row> {
      for (const [i, id] of ids.entries())
        for (const [k, kind] of Object.keys(LEVELS).sort().entries()) {
          const level = pick(LEVELS[kind]!, hash(i, 100 + k));
          yield [
            kind,
            id,
            AS_OF,
            Math.round(hash(i, 200 + k) * 100),
            level,
            "[]",
            "[]",
            "[]",
            "{}",
            0,
            clock.toISOString(),
            "[]",
            12_000,
          ];
        }
    }
    await writeBatch(db, org.id, {
      customers: syntheticCustomerRows(ids, AS_OF),
      subscriptions: subscriptions(),
      scores: scores(),
    });
    await db.kysely.updateTable("customers").set({ status: "active" }).where("org_id", "=", org.id).execute();
    await addChanges(
      db,
      org.id,
      ids.filter((_, i) => hash(i, 7) < 0.1),
      1,
      clock,
    );
    const setup = (performance.now() - t0) / 1000;
    console.log(
      `plays tick, SQLite: ${customers.toLocaleString("en-US")} customers (monthly subscriptions, six score kinds, a score change for a tenth; setup ${setup.toFixed(1)} s)`,
    );
    console.log(
      "| tick | mode | customers evaluated | s | CPU s | select / load / pure / write s | pure µs per customer | decisions | outbox rows |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|");
    const tick = async (label: string, when: Date, full = false) => {
      clock = when;
      const t = performance.now();
      const c = process.cpuUsage();
      const r = await runPlaysTick(ctx, org.id, { asOf: when, full, actor: "bench", maxDecisions: 0 });
      const used = process.cpuUsage(c);
      console.log(line(label, r, performance.now() - t, (used.user + used.system) / 1000));
      return r;
    };
    await tick("full (first tick)", at(10), true);
    let hour = 11;
    for (const n of [0, ...increments]) {
      if (n > customers) break;
      const changed = ids.filter((_, i) => hash(i, 1000 + hour) < n / customers).slice(0, n);
      await addChanges(db, org.id, changed, hour, at(hour));
      await tick(`incremental, ${n.toLocaleString("en-US")} changed`, at(hour, 30));
      hour++;
    }
    const rss = process.memoryUsage().rss;
    console.log(`RSS ${Math.round(rss / 1048576)} MiB`);
  } finally {
    await closeDb(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
