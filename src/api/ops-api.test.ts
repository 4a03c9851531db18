import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { closeDb, openDb } from "../store/open-store.ts";
import { ensureOrg } from "../store/orgs.ts";
import { buildApp } from "./app.ts";

const now = () => new Date("2026-03-10T12:00:00Z");
const config = parseConfig({});
const TOKEN = "metrics-secret";

/** The value of one sample line (`name{labels} value`), 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) {
      return Number(line.slice(line.lastIndexOf(" ") + 1));
    }
  }
  return 0;
}

describeStores("ops API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let key: string;
  const scrape = async () => {
    const r = await app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^text\/plain/);
    return r.body;
  };

  beforeAll(async () => {
    const org = await s.freshOrg();
    key = (await createApiKey(s.db(), org.id, { role: "admin", name: "admin", now: now() })).key;
    app = await buildApp({ db: s.db(), config, now, metricsToken: TOKEN });
  });

  it("answers /readyz with 200 when the store answers and migrations are current", async () => {
    const r = await app.inject({ method: "GET", url: "/readyz" });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: "ready", database: s.name });
  });

  it("refuses /metrics without the token", async () => {
    expect((await app.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(401);
    const wrong = await app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: "Bearer nope" },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it("counts requests by route pattern, latency, errors, events and queue depth", async () => {
    const before = await scrape();
    const auth = { authorization: `Bearer ${key}` };
    for (const id of ["C-1", "C-2", "C-3"]) {
      await app.inject({ method: "GET", url: `/v1/customers/${id}`, headers: auth });
    }
    await app.inject({ method: "GET", url: "/v1/jobs", headers: auth });
    const batch = [
      {
        id: "m1",
        customer_id: "c1",
        type: "session_start",
        timestamp: "2026-03-01T09:00:00Z",
        properties: {},
      },
      {
        id: "m2",
        customer_id: "c1",
        type: "session_start",
        timestamp: "2026-03-01T10:00:00Z",
        properties: {},
      },
      {
        id: "m3",
        customer_id: "c1",
        type: "no_such_type",
        timestamp: "2026-03-01T10:00:00Z",
        properties: {},
      },
    ];
    const ev1 = await app.inject({ method: "POST", url: "/v1/events", headers: auth, payload: batch });
    expect(ev1.statusCode).toBe(200);
    await app.inject({ method: "POST", url: "/v1/events", headers: auth, payload: batch.slice(0, 1) });
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);

    // The route pattern, never the raw URL (no customer ids in label values).
    expect(after).not.toContain("C-1");
    const customerRoute = { method: "GET", route: "/v1/customers/:id" };
    const hits = after
      .split("\n")
      .filter((l) => l.startsWith("holdfast_http_requests_total{") && l.includes('route="/v1/customers/'));
    expect(hits.length).toBeGreaterThan(0);
    const route = /route="([^"]+)"/.exec(hits[0]!)![1]!;
    expect(route).toMatch(/^\/v1\/customers\/:/);
    customerRoute.route = route;
    const byRoute = hits.reduce((n, l) => n + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
    expect(byRoute).toBeGreaterThanOrEqual(3);
    expect(delta("holdfast_http_request_duration_seconds_count", customerRoute)).toBe(3);
    expect(delta("holdfast_http_requests_total", { route: "/v1/jobs", status: "200" })).toBe(1);
    expect(delta("holdfast_events_total", { outcome: "accepted" })).toBe(2);
    expect(delta("holdfast_events_total", { outcome: "duplicate" })).toBe(1);
    expect(delta("holdfast_events_total", { outcome: "rejected" })).toBe(1);
    // The batches queued a refresh: the queue depth is read from the jobs table at the scrape.
    expect(sample(after, "holdfast_jobs", { status: "queued" })).toBeGreaterThanOrEqual(1);
    expect(after).toContain("holdfast_process_resident_memory_bytes");
    expect(after).toContain("holdfast_nodejs_eventloop_lag_seconds");
    expect(after).toContain("# TYPE holdfast_job_duration_seconds histogram");
    expect(after).toContain("# TYPE holdfast_refresh_duration_seconds histogram");
  });

  it("counts a request to an unknown customer as a 4xx error of its route", async () => {
    const before = await scrape();
    const r = await app.inject({
      method: "GET",
      url: "/v1/customers/nobody",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(r.statusCode).toBe(404);
    const after = await scrape();
    const errs = (t: string) =>
      t
        .split("\n")
        .filter((l) => l.startsWith("holdfast_http_errors_total{") && l.includes('class="4xx"'))
        .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
    expect(errs(after) - errs(before)).toBe(1);
  });
});

describe("ops API without a metrics token", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-ops-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("does not serve /metrics, and /readyz answers 503 once the store is closed", async () => {
    const db = await openDb({ sqlitePath: path.join(dir, "ops.db") });
    await ensureOrg(db, "acme", now());
    const app = await buildApp({ db, config, now, webDir: dir });
    expect((await app.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    await closeDb(db);
    const r = await app.inject({ method: "GET", url: "/readyz" });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({
      status: "unavailable",
      reason: expect.stringMatching(/store does not answer/),
    });
    await app.close();
  });
});
