import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../src/api/app.ts";
import { parseConfig } from "../src/core/config.ts";
import { createApiKey } from "../src/store/api-keys.ts";
import type { Org } from "../src/store/orgs.ts";
import { describeStores } from "./support/stores.ts";

/**
 * Concurrent intake over real HTTP: eight producers post 200-event batches for the same 50
 * customers at once. On PostgreSQL, batches used to deadlock (40P01) on the metrics_daily upsert
 * and answer 500. Every batch must answer 200 and every accepted event be stored once.
 *
 * The suite runs 8 producers x 10 batches. HOLDFAST_INTAKE_SECONDS=30 runs each producer for that
 * many seconds instead (the load figure reported in the issue):
 *   HOLDFAST_INTAKE_SECONDS=30 DATABASE_URL=... npx vitest run test/intake-concurrency.test.ts
 */
const PRODUCERS = 8;
const BATCH = 200;
const CUSTOMERS = 50;
const BATCHES_PER_PRODUCER = 10;
const SECONDS = Number(process.env.HOLDFAST_INTAKE_SECONDS ?? 0);

const FEATURES = ["reports", "dashboards", "exports", "alerts", "search"];
const DAY0 = Date.parse("2026-03-01T00:00:00Z");

/** A batch whose events name the 50 customers in a shuffled order, over three days. */
function batch(producer: number, n: number, random: () => number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < BATCH; i++) {
    const customer = `cust-${Math.floor(random() * CUSTOMERS)}`;
    const ts = new Date(DAY0 + Math.floor(random() * 3 * 86_400) * 1000).toISOString();
    const base = { id: `p${producer}-b${n}-e${i}`, customer_id: customer, timestamp: ts };
    const kind = i % 8;
    if (kind === 0) out.push({ ...base, type: "session_start", properties: {} });
    else if (kind < 4)
      out.push({
        ...base,
        type: "feature_used",
        properties: { feature: FEATURES[i % FEATURES.length], category: "core", count: 1, duration_secs: 5 },
      });
    else if (kind < 6) out.push({ ...base, type: "api_calls", properties: { count: 10 } });
    else if (kind === 6) out.push({ ...base, type: "page_view", properties: { page: "billing" } });
    else
      out.push({
        ...base,
        type: "usage_metered",
        properties: { meter: "seats", value: Math.floor(random() * 100) },
      });
  }
  return out;
}

/** A small deterministic generator per producer (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describeStores("concurrent event intake", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let org: Org;
  let key: string;
  let url: string;

  beforeAll(async () => {
    const now = () => new Date("2026-03-10T12:00:00Z");
    org = await s.freshOrg();
    key = (await createApiKey(s.db(), org.id, { role: "ingest", name: "load", now: now() })).key;
    app = await buildApp({ db: s.db(), config: parseConfig({ api: { rateLimitPerMinute: 0 } }), now });
    url = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app?.close();
    // The refresh this org queued would only crowd other suites' cross-org job claims.
    if (org) await s.db().kysely.deleteFrom("jobs").where("org_id", "=", org.id).execute();
  });

  it(
    "answers 200 to every batch of eight concurrent producers and stores each accepted event once",
    async () => {
      const failures: string[] = [];
      let accepted = 0;
      let posted = 0;
      let batches = 0;
      const deadline = SECONDS > 0 ? Date.now() + SECONDS * 1000 : 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: PRODUCERS }, async (_, p) => {
          const random = rng(p + 1);
          for (let n = 0; deadline ? Date.now() < deadline : n < BATCHES_PER_PRODUCER; n++) {
            const res = await fetch(`${url}/v1/events`, {
              method: "POST",
              headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
              body: JSON.stringify(batch(p, n, random)),
            });
            const body = (await res.json()) as { accepted: number; rejected: unknown[] };
            batches++;
            posted += BATCH;
            if (res.status !== 200) failures.push(`${res.status} ${JSON.stringify(body)}`);
            else accepted += body.accepted;
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      if (SECONDS > 0) {
        console.log(
          JSON.stringify({ store: s.name, seconds, batches, posted, accepted, errors: failures.length }),
        );
      }
      expect(failures.slice(0, 3)).toEqual([]);
      expect(accepted).toBe(posted);

      const k = s.db().kysely;
      const stored = await k
        .selectFrom("events")
        .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.count<number>("id").distinct().as("ids")])
        .where("org_id", "=", org.id)
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(accepted);
      expect(Number(stored.ids)).toBe(accepted);
      // The rollups count each stored event once: one session per session_start event.
      const sessions = await k
        .selectFrom("metrics_daily")
        .select((eb) => eb.fn.sum<number>("value").as("v"))
        .where("org_id", "=", org.id)
        .where("metric", "=", "sessions")
        .executeTakeFirstOrThrow();
      expect(Number(sessions.v)).toBe(accepted / 8);
    },
    SECONDS > 0 ? SECONDS * 1000 + 120_000 : 120_000,
  );
});
