import os from "node:os";
import { sql } from "kysely";
import { buildApp } from "../src/api/app.ts";
import { parseConfig } from "../src/core/config.ts";
import { HEADLINE_DRIVERS } from "../src/core/customers/list-filters.ts";
import { createApiKey } from "../src/store/api-keys.ts";
import type { Row } from "../src/store/bulk-upsert.ts";
import { backfillCustomerLevels } from "../src/store/customer-levels.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { writeBatch } from "../src/store/write-batch.ts";
import { freshTarget } from "./fresh-store.ts";

const AS_OF = "2026-06-30";
const TIERS = ["Starter", "Growth", "Pro", "Enterprise"];
const DRIVERS = HEADLINE_DRIVERS.churn_risk;

/** Deterministic pseudo-random in [0, 1) from two integers. */
const hash = (a: number, b: number) => {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[], r: number): T => xs[Math.floor(r * xs.length)]!;

/** The kinds the facets read, each with its levels (the headline, churn risk, carries the drivers). */
const KINDS: [string, readonly string[]][] = [
  ["churn_risk", ["low", "low", "low", "medium", "medium", "high", "critical"]],
  ["health", ["healthy", "stable", "watch", "at_risk", "critical"]],
  ["lifecycle_stage", ["onboarding", "active", "active", "at_risk", "advocate"]],
  ["upgrade_readiness", ["pitch", "talk_to", "leave_alone", "unscored"]],
  ["usage_limits", ["ok", "ok", "near_limit", "over_limit"]],
  ["usage_trend", ["growing", "flat", "declining"]],
];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

/**
 * GET /v1/customers/facets (and the list's first page with its totals) at N customers: customers
 * and their current scores of the six kinds the facets count are written straight into the store
 * (4 tiers, statuses ~80% active, 20% churned, a few past due, trialing, paused; 0-3 drivers per
 * churn-risk row), then each query is timed in process (app.inject: routing, validation, SQL).
 */
export async function facetsBench(customers: number, store: string, runs: number): Promise<void> {
  const { target, cleanup } = freshTarget(store, "facets");
  const db = await openDb(store === "postgres" ? { databaseUrl: target } : { sqlitePath: target });
  try {
    console.log(
      `facets at ${customers} customers on ${store} (${os.cpus().length} cores, node ${process.version})`,
    );
    const now = () => new Date(`${AS_OF}T06:00:00Z`);
    const org = await ensureOrg(db, "bench", now());
    const t0 = performance.now();
    const id = (i: number) => `c${String(i).padStart(8, "0")}`;
    function* customerRows(): Generator<Row> {
      for (let i = 0; i < customers; i++) {
        const arr = Math.round(1_000 + hash(i, 1) * 60_000);
        yield [
          id(i),
          i + 1,
          `a${i}`,
          `Account ${i}`,
          null,
          null,
          "2025-01-01",
          pick(TIERS, hash(i, 2)),
          10,
          0,
          arr,
          arr / 12,
        ];
      }
    }
    function* scoreRows(): Generator<Row> {
      for (const [k, [kind, levels]] of KINDS.entries()) {
        for (let i = 0; i < customers; i++) {
          const r = hash(i, 10 + k);
          let reasonKinds = "";
          if (kind === "churn_risk") {
            const n = Math.floor(hash(i, 30) * 4);
            const ds = [...new Set(Array.from({ length: n }, (_, j) => pick(DRIVERS, hash(i, 31 + j))))];
            reasonKinds = ds.length ? `,${ds.join(",")},` : "";
          }
          const arr = Math.round(1_000 + hash(i, 1) * 60_000);
          yield [
            kind,
            id(i),
            AS_OF,
            Math.round(r * 100),
            pick(levels, r),
            "[]",
            "[]",
            "[]",
            "{}",
            0,
            now().toISOString(),
            reasonKinds,
            arr,
          ];
        }
      }
    }
    await writeBatch(db, org.id, { customers: customerRows() });
    await writeBatch(db, org.id, { scores: scoreRows() });
    // Statuses by ordinal band (the refresh derives them; here they are set directly).
    const bands: [number, number, string][] = [
      [0, 0.7, "active"],
      [0.7, 0.72, "paused"],
      [0.72, 0.75, "trialing"],
      [0.75, 0.8, "past_due"],
      [0.8, 1.01, "churned"],
    ];
    for (const [lo, hi, status] of bands) {
      await db.kysely
        .updateTable("customers")
        .set({ status, churn_date: status === "churned" ? "2026-03-01" : null })
        .where("org_id", "=", org.id)
        .where("ordinal", ">", Math.floor(lo * customers))
        .where("ordinal", "<=", Math.floor(hi * customers))
        .execute();
    }
    console.log(`setup ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // The scores were written without the saver: fill the list's facet columns as migration 011 does.
    const t1 = performance.now();
    await backfillCustomerLevels(db, org.id);
    // What autovacuum does after a bulk load (index-only scans need the visibility map).
    if (store === "postgres") await sql`vacuum analyze customers`.execute(db.kysely);
    console.log(`facet columns backfilled ${((performance.now() - t1) / 1000).toFixed(1)} s`);

    const config = parseConfig({});
    const app = await buildApp({ db, config, now, webDir: "/nonexistent" });
    const key = (await createApiKey(db, org.id, { role: "viewer", name: "bench", now: now() })).key;
    const queries = [
      "",
      "book=all",
      "plan_tier=Pro&churn_risk_tier=high",
      "driver=payments_failed&min_arr=20000",
      "status=past_due&health_band=at_risk",
    ];
    const all: number[] = [];
    for (const path of ["/v1/customers/facets", "/v1/customers"]) {
      for (const qs of queries) {
        const times: number[] = [];
        for (let i = 0; i < runs + 1; i++) {
          const t = performance.now();
          const res = await app.inject({
            method: "GET",
            url: `${path}?${qs}`,
            headers: { authorization: `Bearer ${key}` },
          });
          if (res.statusCode !== 200) throw new Error(`${path}?${qs}: ${res.statusCode} ${res.body}`);
          if (i >= 1) times.push(performance.now() - t);
        }
        if (path.endsWith("facets")) all.push(...times);
        console.log(
          `${path}?${qs || "(live book)"}: p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms`,
        );
      }
    }
    console.log(
      `facets overall: p50 ${quantile(all, 0.5).toFixed(1)} ms, p95 ${quantile(all, 0.95).toFixed(1)} ms`,
    );
    await app.close();
  } finally {
    await closeDb(db);
    if (process.env.HOLDFAST_BENCH_KEEP) console.log(`kept ${target}`);
    else cleanup();
  }
}
