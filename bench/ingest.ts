import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { createApiKey } from "../src/store/api-keys.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { freshTarget } from "./fresh-store.ts";

/**
 * The same rows straight into a plain events table of the same database: the store's ceiling.
 * The store is opened once for its schema, then the bench writes through the bare driver.
 */
async function rawInsertRate(store: string, n: number, batch: number): Promise<number> {
  const { target, cleanup } = freshTarget(store, "bench");
  const isPg = target.startsWith("postgres");
  await closeDb(await openDb(isPg ? { databaseUrl: target } : { sqlitePath: target }));
  try {
    const props = JSON.stringify({
      feature: "reports",
      category: "core",
      count: 3,
      duration_secs: 30,
      errors: 0,
    });
    if (!isPg) {
      const sqlite = new SqliteDatabase(target);
      try {
        sqlite.pragma("journal_mode = WAL");
        sqlite.pragma("synchronous = NORMAL");
        sqlite.pragma("cache_size = -65536");
        const stmt = sqlite.prepare(
          "insert into events (org_id, id, customer_id, type, ts, properties, received_at) values (1, ?, ?, 'feature_used', ?, ?, '2026-01-01T00:00:00Z')",
        );
        const t0 = performance.now();
        for (let s = 0; s < n; s += batch) {
          sqlite.transaction(() => {
            for (let i = s; i < Math.min(n, s + batch); i++)
              stmt.run(`ev-${i}`, `cust-${i % 10000}`, "2026-01-01T00:00:00Z", props);
          })();
        }
        return n / ((performance.now() - t0) / 1000);
      } finally {
        sqlite.close();
      }
    }
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      const t0 = performance.now();
      for (let s = 0; s < n; s += batch) {
        const ids: string[] = [];
        const cs: string[] = [];
        for (let i = s; i < Math.min(n, s + batch); i++) {
          ids.push(`ev-${i}`);
          cs.push(`cust-${i % 10000}`);
        }
        await client.query(
          "insert into events (org_id, id, customer_id, type, ts, properties, received_at) select 1, u.id, u.c, 'feature_used', '2026-01-01T00:00:00Z', $3, '2026-01-01T00:00:00Z' from unnest($1::text[], $2::text[]) as u(id, c)",
          [ids, cs, props],
        );
      }
      return n / ((performance.now() - t0) / 1000);
    } finally {
      await client.end();
    }
  } finally {
    cleanup();
  }
}

/** Events over real HTTP from a separate load process into a server process on a fresh store. */
export async function ingestBench(
  store: string,
  events: number,
  batch: number,
  inFlight: number,
): Promise<void> {
  const customers = 10_000;
  const { target, cleanup } = freshTarget(store, "bench");
  const db = await openDb(target.startsWith("postgres") ? { databaseUrl: target } : { sqlitePath: target });
  const org = await ensureOrg(db, "bench", new Date());
  const { key } = await createApiKey(db, org.id, { role: "ingest", name: "bench", now: new Date() });
  await closeDb(db);
  // HOLDFAST_BENCH_PROF=<dir> writes a CPU profile of the server process there.
  const prof = process.env.HOLDFAST_BENCH_PROF;
  const profArgs = prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : [];
  const server = spawn(
    process.execPath,
    [...profArgs, path.join(import.meta.dirname, "api-server-child.ts"), target],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  try {
    const base = await new Promise<string>((resolve, reject) => {
      server.stdout.on("data", (d: Buffer) => resolve(d.toString().trim()));
      server.on("exit", (c) => reject(new Error(`server exited ${c}`)));
    });
    const out = execFileSync(
      process.execPath,
      [
        path.join(import.meta.dirname, "ingest-load-child.ts"),
        base,
        key,
        String(customers),
        String(events),
        String(batch),
        String(inFlight),
      ],
      { encoding: "utf8", maxBuffer: 1 << 20 },
    );
    const r = JSON.parse(out) as {
      eventsPerSecond: number;
      p50: number;
      p95: number;
      seconds: number;
      accepted: number;
      batches: number;
    };
    server.kill();
    const raw = await rawInsertRate(store, events, batch);
    console.log(
      [
        `ingest over HTTP, ${store}: ${events.toLocaleString("en-US")} events (${customers.toLocaleString("en-US")} customers, 7 days in time order), batches of ${batch.toLocaleString("en-US")}, ${inFlight} in flight, load from a separate process`,
        "| figure | value |",
        "|---|---|",
        `| events/s over HTTP (validated, stored, rolled up) | ${Math.round(r.eventsPerSecond).toLocaleString("en-US")} |`,
        `| batch latency p50 / p95 ms | ${r.p50.toFixed(0)} / ${r.p95.toFixed(0)} |`,
        `| accepted | ${r.accepted.toLocaleString("en-US")} in ${r.batches} batches, ${r.seconds.toFixed(2)} s |`,
        `| raw insert rate of the same database (plain rows into the events table, same batches) | ${Math.round(raw).toLocaleString("en-US")} rows/s |`,
        `| ingest / raw | ${((r.eventsPerSecond / raw) * 100).toFixed(0)}% |`,
      ].join("\n"),
    );
  } finally {
    server.kill();
    cleanup();
  }
}
