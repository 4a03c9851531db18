// The soak benchmark (issue 10): `holdfast serve` (HTTP + embedded worker + scheduler) in its own
// process on a fresh store holding RavenStack x1, under mixed load for N minutes: list reads,
// brief reads, event intake and one RavenStack import over HTTP in the middle. Samples the
// server's RSS every 10 s and prints figures (never assertions).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig } from "../src/core/config.ts";
import { ravenstackSourcesFromPath } from "../src/ingest/ravenstack/sources.ts";
import { createApiKey } from "../src/store/api-keys.ts";
import { closeDb, openDb } from "../src/store/open-store.ts";
import { ensureOrg } from "../src/store/orgs.ts";
import { importRavenstack } from "../src/usecases/import-ravenstack.ts";
import { freshTarget } from "./fresh-store.ts";

const RAVENSTACK = path.resolve(import.meta.dirname, "../../shared/data/ravenstack");
const CLI = path.resolve(import.meta.dirname, "../src/cli/main.ts");
const SAMPLE_MS = 10_000;
const METRICS_TOKEN = "soak-metrics";
const EVENT_BATCH = 500;
/** Concurrent request loops per kind; event loops post one batch a second each. */
const LOOPS = { list: 4, brief: 4, events: 2 } as const;

type Kind = "list" | "brief" | "events" | "import";
const KINDS: Kind[] = ["list", "brief", "events", "import"];

interface Tally {
  requests: number;
  errors: number;
  statuses: Map<string, number>;
  latencies: number[];
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const q = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

const FEATURES = ["reports", "dashboards", "exports", "alerts", "api_keys", "workflows", "search", "sharing"];
const PAGES = ["dashboard", "billing", "pricing", "help", "settings", "integrations"];

/** 500 varied events for existing customers, unique ids, timestamps in the last hour. */
function eventBatch(ids: string[], run: string, seq: number): string {
  const now = Date.now();
  const out = [];
  for (let j = 0; j < EVENT_BATCH; j++) {
    const i = seq * EVENT_BATCH + j;
    const base = {
      id: `soak-${run}-${i}`,
      customer_id: ids[(i * 7919) % ids.length]!,
      timestamp: new Date(now - ((i * 104_729) % 3_600_000)).toISOString(),
    };
    const kind = i % 10;
    if (kind < 2) out.push({ ...base, type: "session_start", properties: {} });
    else if (kind < 6)
      out.push({
        ...base,
        type: "feature_used",
        properties: {
          feature: FEATURES[i % FEATURES.length],
          category: "core",
          count: 1 + (i % 5),
          duration_secs: 30,
          errors: i % 17 === 0 ? 1 : 0,
        },
      });
    else if (kind < 8) out.push({ ...base, type: "api_calls", properties: { count: 10 + (i % 90) } });
    else out.push({ ...base, type: "page_view", properties: { page: PAGES[i % PAGES.length] } });
  }
  return JSON.stringify(out);
}

const LIST_QUERIES = [
  "sort=-risk_score&limit=50",
  "risk_level=High&sort=-risk_score&limit=50",
  "risk_level=Medium&plan_tier=Enterprise&sort=-risk_score&limit=50",
  "min_arr=20000&sort=-arr&limit=50",
  "churned=false&health_band=watch&sort=-risk_score&limit=100",
  "lifecycle_stage=active&sort=account_name&limit=50",
  "q=ac&sort=customer_id&limit=50",
  "plan_tier=Basic&sort=-arr&limit=200",
];

export async function soakBench(store: string, minutes: number): Promise<void> {
  const { target, cleanup } = freshTarget(store, "soak");
  const isPg = target.startsWith("postgres");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-soak-cfg-"));
  const t0Prep = performance.now();
  const db = await openDb(isPg ? { databaseUrl: target } : { sqlitePath: target });
  const now = () => new Date();
  const org = await ensureOrg(db, "soak", now());
  await importRavenstack(
    { db, defaults: parseConfig({}), now },
    org.id,
    ravenstackSourcesFromPath(RAVENSTACK),
    { grain: "subscription", source: RAVENSTACK, actor: "bench" },
  );
  const { key } = await createApiKey(db, org.id, { role: "admin", name: "soak", now: now() });
  await closeDb(db);
  const prepSeconds = (performance.now() - t0Prep) / 1000;

  // Benchmarks measure the service's capacity: the per-key rate limit is off.
  const cfg = path.join(tmp, "config.json");
  fs.writeFileSync(cfg, JSON.stringify({ api: { rateLimitPerMinute: 0 } }));
  const server = spawn(
    process.execPath,
    [CLI, "serve", ...(isPg ? [] : ["--db", target]), "--port", "0", "--config", cfg],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        LOG_LEVEL: "warn",
        HOLDFAST_METRICS_TOKEN: METRICS_TOKEN,
        ...(isPg ? { DATABASE_URL: target } : {}),
      },
    },
  );
  const serverLog: string[] = [];
  const keepLog = (d: Buffer) => {
    for (const line of d.toString().split("\n")) if (line.trim()) serverLog.push(line);
    if (serverLog.length > 200) serverLog.splice(0, serverLog.length - 200);
  };
  server.stderr.on("data", keepLog);
  let exited: number | null | undefined;
  server.on("exit", (c) => {
    exited = c;
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      server.stdout.on("data", (d: Buffer) => {
        keepLog(d);
        const m = /running at (http:\/\/[^/\s]+)\//.exec(d.toString());
        if (m) resolve(m[1]!);
      });
      server.on("exit", (c) => reject(new Error(`server exited ${c}: ${serverLog.join("\n")}`)));
    });
    const pid = server.pid!;
    const auth = { authorization: `Bearer ${key}` };

    // Customer ids of the org, for brief reads and events.
    const ids: string[] = [];
    for (let cursor: string | null = ""; cursor !== null; ) {
      const r = (await (
        await fetch(`${base}/v1/customers?sort=customer_id&limit=500${cursor ? `&cursor=${cursor}` : ""}`, {
          headers: auth,
        })
      ).json()) as { items: { customer_id: string }[]; next_cursor: string | null };
      for (const c of r.items) ids.push(c.customer_id);
      cursor = r.next_cursor;
    }

    const tallies = new Map<Kind, Tally>(
      KINDS.map((k) => [k, { requests: 0, errors: 0, statuses: new Map(), latencies: [] }]),
    );
    let eventsAccepted = 0;
    let importSummary = "";
    const record = (kind: Kind, t: number, status: string, ok: boolean) => {
      const tally = tallies.get(kind)!;
      tally.requests++;
      tally.latencies.push(performance.now() - t);
      if (!ok) {
        tally.errors++;
        tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
      }
    };
    /** One request; any non-2xx or network failure is an error of its kind. */
    const call = async (kind: Kind, url: string, init: RequestInit = {}): Promise<unknown> => {
      const t = performance.now();
      try {
        const res = await fetch(url, { ...init, headers: { ...auth, ...(init.headers ?? {}) } });
        const body = await res.text();
        const ok = res.status >= 200 && res.status < 300;
        record(kind, t, String(res.status), ok);
        return ok ? JSON.parse(body) : undefined;
      } catch (e) {
        record(kind, t, (e as Error).message, false);
        return undefined;
      }
    };

    const durationMs = minutes * 60_000;
    const start = performance.now();
    const end = start + durationMs;
    const running = () => performance.now() < end;
    const run = String(Date.now());

    const samples: { s: number; mib: number }[] = [];
    /** V8 heap used, heap total and external memory (MiB) from the server's /metrics, with each RSS sample. */
    const heap: { used: number; total: number; external: number }[] = [];
    const sample = async () => {
      samples.push({ s: (performance.now() - start) / 1000, mib: rssMiB(pid) });
      try {
        const text = await (
          await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
        ).text();
        const metric = (name: string) =>
          Number(new RegExp(`^holdfast_${name}(?:\\{[^}]*\\})? (\\S+)`, "m").exec(text)?.[1]) / 2 ** 20;
        heap.push({
          used: metric("nodejs_heap_size_used_bytes"),
          total: metric("nodejs_heap_size_total_bytes"),
          external: metric("nodejs_external_memory_bytes"),
        });
      } catch {
        heap.push({ used: Number.NaN, total: Number.NaN, external: Number.NaN });
      }
    };
    await sample();
    const sampler = setInterval(() => {
      if (exited === undefined) void sample();
    }, SAMPLE_MS);

    let listSeq = 0;
    const listLoop = async () => {
      while (running()) {
        const query = LIST_QUERIES[listSeq++ % LIST_QUERIES.length]!;
        // Follow next_cursor for up to 3 pages, as a reader paging a list does.
        let cursor: string | null = "";
        for (let page = 0; page < 3 && cursor !== null && running(); page++) {
          const r = (await call(
            "list",
            `${base}/v1/customers?${query}${cursor ? `&cursor=${cursor}` : ""}`,
          )) as { next_cursor: string | null } | undefined;
          cursor = r?.next_cursor ?? null;
        }
      }
    };
    let briefSeq = 0;
    const briefLoop = async () => {
      while (running()) {
        const id = ids[(briefSeq++ * 104_729) % ids.length]!;
        await call("brief", `${base}/v1/customers/${encodeURIComponent(id)}`);
      }
    };
    let eventSeq = 0;
    const eventLoop = async () => {
      while (running()) {
        const t = performance.now();
        const r = (await call("events", `${base}/v1/events`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: eventBatch(ids, run, eventSeq++),
        })) as { accepted: number } | undefined;
        eventsAccepted += r?.accepted ?? 0;
        const left = 1000 - (performance.now() - t);
        if (left > 0) await sleep(left);
      }
    };
    const importOnce = async () => {
      await sleep(durationMs / 2);
      const form = new FormData();
      for (const f of fs
        .readdirSync(RAVENSTACK)
        .filter((n) => n.endsWith(".csv"))
        .sort())
        form.append("files", new Blob([fs.readFileSync(path.join(RAVENSTACK, f))]), f);
      form.append("grain", "subscription");
      const t = performance.now();
      const r = (await call("import", `${base}/v1/imports`, { method: "POST", body: form })) as
        | { status: string; rows_read: unknown; customers: unknown }
        | undefined;
      importSummary = r
        ? `at ${((t - start) / 1000).toFixed(0)} s: ${r.status}, rows read ${JSON.stringify(r.rows_read)}, ${JSON.stringify(r.customers)} customers, ${((performance.now() - t) / 1000).toFixed(1)} s`
        : `at ${((t - start) / 1000).toFixed(0)} s: failed`;
    };

    await Promise.all([
      ...Array.from({ length: LOOPS.list }, listLoop),
      ...Array.from({ length: LOOPS.brief }, briefLoop),
      ...Array.from({ length: LOOPS.events }, eventLoop),
      importOnce(),
    ]);
    clearInterval(sampler);
    if (exited === undefined) await sample();
    const seconds = (performance.now() - start) / 1000;

    const warmup = seconds * 0.2;
    // The sample due at the end of warm-up counts as the first after it (timers fire a little early or late).
    const after = samples.filter((s) => s.s >= warmup - 1);
    const first = after[0];
    const maxAfter = after.reduce((m, s) => Math.max(m, s.mib), 0);
    const growth = first ? ((maxAfter - first.mib) / first.mib) * 100 : Number.NaN;
    const errors = KINDS.reduce((n, k) => n + tallies.get(k)!.errors, 0);
    const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
    const rows = KINDS.map((k) => {
      const t = tallies.get(k)!;
      const lat = [...t.latencies].sort((a, b) => a - b);
      const st = [...t.statuses].map(([s, n]) => `${s}: ${n}`).join(", ");
      return `| ${k} | ${fmt(t.requests)} | ${fmt(t.errors)}${st ? ` (${st})` : ""} | ${q(lat, 0.5).toFixed(1)} | ${q(lat, 0.99).toFixed(1)} |`;
    });
    console.log(
      [
        `soak, ${store}: holdfast serve (embedded worker) on RavenStack x1 (${fmt(ids.length)} customers, imported in ${prepSeconds.toFixed(1)} s), ${minutes} min of mixed load from this process: ${LOOPS.list} list loops (up to 3 pages each), ${LOOPS.brief} brief loops, ${LOOPS.events} event loops (${EVENT_BATCH}-event batch per loop per second), one RavenStack import over HTTP at half time`,
        "| kind | requests | errors (non-2xx or failed) | p50 ms | p99 ms |",
        "|---|---|---|---|---|",
        ...rows,
        "",
        `events accepted: ${fmt(eventsAccepted)} (${fmt(eventsAccepted / seconds)}/s)`,
        `import: ${importSummary || "not run"}`,
        `server exited during the run: ${exited === undefined ? "no" : `yes (${exited})`}`,
        `RSS MiB every ${SAMPLE_MS / 1000} s: ${samples.map((s) => s.mib.toFixed(0)).join(" ")}`,
        `V8 heap used / heap total / external MiB at the same times: ${heap.map((h) => `${h.used.toFixed(0)}/${h.total.toFixed(0)}/${h.external.toFixed(0)}`).join(" ")}`,
        `memory flat: first sample after warm-up (${warmup.toFixed(0)} s, 20% of the run) ${first?.mib.toFixed(0)} MiB at ${first?.s.toFixed(0)} s, max after ${maxAfter.toFixed(0)} MiB: ${growth >= 0 ? "+" : ""}${growth.toFixed(1)}% (goal within 10%)`,
        `errors in all: ${fmt(errors)} (goal 0)`,
      ].join("\n"),
    );
    if (exited !== undefined || errors > 0)
      console.log(`server log tail:\n${serverLog.slice(-20).join("\n")}`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => {
      if (exited !== undefined) r(undefined);
      else {
        server.once("exit", r);
        setTimeout(() => {
          server.kill("SIGKILL");
          r(undefined);
        }, 35_000).unref();
      }
    });
    fs.rmSync(tmp, { recursive: true, force: true });
    cleanup();
  }
}
