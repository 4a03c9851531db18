import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { upsertCustomer } from "../store/customer-write.ts";
import { insertDecisions } from "../store/plays/decisions.ts";
import { insertScoreChanges } from "../store/score-changes.ts";
import { runPlaysTick } from "../usecases/run-plays-tick.ts";
import { buildApp } from "./app.ts";

/** What the Plays page reads beyond the engine's own routes (plays-api.test.ts). */

const T = new Date("2026-06-01T15:00:00Z");
const now = () => T;

describeStores("plays page API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let viewer: string;
  let admin: string;
  let otherViewer: string;
  const get = (url: string, key = viewer) =>
    app.inject({ method: "GET", url, headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    const org = await s.freshOrg();
    const db = s.db();
    await upsertCustomer(db, org.id, "big", { name: "Big Co", arr: 120_000, owner: "ana" });
    await upsertCustomer(db, org.id, "crit", { arr: 6_000, owner: "bo" });
    await db.kysely.updateTable("customers").set({ status: "active" }).where("org_id", "=", org.id).execute();
    const ch = (customerId: string, oldLevel: string, newLevel: string) => ({
      customerId,
      kind: "churn_risk" as const,
      oldScore: 40,
      newScore: 80,
      oldLevel,
      newLevel,
      crossed: null,
    });
    await insertScoreChanges(db, org.id, [ch("big", "medium", "high"), ch("crit", "high", "critical")], {
      cause: "test",
      configVersion: 0,
      at: T.toISOString(),
    });
    await runPlaysTick(testContext(db, now), org.id, { asOf: T });
    // A decision of a tick 40 days ago: counted over every decision, not over the last 30 days.
    await insertDecisions(db, org.id, [
      {
        decision_key: "old:crit:feature-discovery",
        tick_id: "tick:old",
        customer_id: "crit",
        tactic: "feature-discovery",
        kind: "start",
        step_id: null,
        run_key: null,
        cause: "every 7 days",
        outcome: "suppress",
        rule: "cooldown",
        reason: "dismissed recently",
        next_eligible_at: null,
        approval: 0,
        as_of: new Date(T.getTime() - 40 * 86_400_000).toISOString(),
      },
    ]);
    viewer = (await createApiKey(db, org.id, { role: "viewer", name: "v", now: T })).key;
    admin = (await createApiKey(db, org.id, { role: "admin", name: "a", now: T })).key;
    const other = await s.freshOrg();
    otherViewer = (await createApiKey(db, other.id, { role: "viewer", name: "o", now: T })).key;
    app = await buildApp({ db, config: parseConfig({}), now, webDir: "/nonexistent" });
  });

  it("gives each tactic's parameters with their declared bounds", async () => {
    const items = (await get("/v1/tactics")).json().items as {
      slug: string;
      params: Record<string, number>;
      param_specs: Record<string, { default: number; min: number; max: number; text: string }>;
    }[];
    const withParams = items.filter((t) => Object.keys(t.param_specs).length > 0);
    expect(withParams.length).toBeGreaterThan(0);
    for (const t of withParams) {
      expect(Object.keys(t.params).sort()).toEqual(Object.keys(t.param_specs).sort());
      for (const [k, p] of Object.entries(t.param_specs)) {
        expect(p.min, `${t.slug}.${k}`).toBeLessThanOrEqual(p.default);
        expect(p.default, `${t.slug}.${k}`).toBeLessThanOrEqual(p.max);
        expect(p.text.length).toBeGreaterThan(0);
        expect(t.params[k]).toBe(p.default);
      }
    }
  });

  it("filters decisions by outcome and refuses an unknown one, naming the field", async () => {
    const all = (await get("/v1/plays/decisions?limit=500")).json().items as { outcome: string }[];
    const fired = (await get("/v1/plays/decisions?outcome=fire&limit=500")).json().items as {
      outcome: string;
    }[];
    expect(fired.length).toBe(all.filter((d) => d.outcome === "fire").length);
    expect(fired.length).toBeGreaterThan(0);
    expect(fired.every((d) => d.outcome === "fire")).toBe(true);
    const bad = await get("/v1/plays/decisions?outcome=maybe");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/outcome/);
  });

  it("lists approvals with the customer's name and ARR", async () => {
    const items = (await get("/v1/approvals")).json().items;
    expect(items).toEqual([
      expect.objectContaining({
        customer_id: "big",
        account_name: "Big Co",
        arr: 120_000,
        status: "pending",
      }),
    ]);
  });

  it("answers a customer's runs with their steps, and 404 for another org's customer", async () => {
    const res = await get("/v1/customers/crit/runs");
    expect(res.statusCode).toBe(200);
    const runs = res.json().items as {
      tactic: string;
      tactic_name: string;
      status: string;
      steps_sent: string[];
    }[];
    const winback = runs.find((r) => r.tactic === "churn-risk-critical-winback");
    expect(winback).toMatchObject({ status: "active", tactic_name: expect.any(String) });
    expect(winback!.steps_sent.length).toBeGreaterThan(0);
    expect((await get("/v1/customers/crit/runs", otherViewer)).statusCode).toBe(404);
    expect((await get("/v1/customers/nobody/runs")).statusCode).toBe(404);
  });

  it("puts play runs and queued effects on the customer's timeline", async () => {
    const res = await get("/v1/customers/crit/timeline?limit=200");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { kind: string; title: string; at: string }[];
    const started = items.filter((e) => e.kind === "play");
    const queued = items.filter((e) => e.kind === "message");
    expect(started.map((e) => e.title)).toContain(
      `Play started: ${
        (await get("/v1/customers/crit/runs"))
          .json()
          .items.find((r: { tactic: string }) => r.tactic === "churn-risk-critical-winback").tactic_name
      }`,
    );
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.some((e) => /^CSM task created: /.test(e.title))).toBe(true);
    const sorted = [...items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    expect(items.map((e) => e.at)).toEqual(sorted.map((e) => e.at));
  });

  it("saves a tactic switch set for the first time (a change with no previous value) and lists it", async () => {
    const put = await app.inject({
      method: "PUT",
      url: "/v1/config",
      headers: { authorization: `Bearer ${admin}` },
      payload: { config: { plays: { tactics: { "pause-wall": { enabled: false } } } }, reason: "not yet" },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().changes).toEqual([{ path: "plays.tactics.pause-wall", to: { enabled: false } }]);
    const versions = await app.inject({
      method: "GET",
      url: "/v1/config/versions",
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(versions.statusCode).toBe(200);
    expect(versions.json().items[0].changes).toEqual([
      { path: "plays.tactics.pause-wall", to: { enabled: false } },
    ]);
    const t = (await get("/v1/tactics")).json().items.find((x: { slug: string }) => x.slug === "pause-wall");
    expect(t).toMatchObject({ switched_on: false, enabled: false });
  });

  it("counts over the last N days on request, and refuses a bad window naming days", async () => {
    type Item = { slug: string; counts: { eligible: number; suppressed: Record<string, number> } };
    const all = (await get("/v1/tactics")).json() as { items: Item[]; since: string | null };
    const recent = (await get("/v1/tactics?days=30")).json() as { items: Item[]; since: string | null };
    expect(all.since).toBeNull();
    expect(recent.since).toBe(new Date(T.getTime() - 30 * 86_400_000).toISOString());
    const fd = (r: { items: Item[] }) => r.items.find((t) => t.slug === "feature-discovery")!.counts;
    expect(fd(all).suppressed.cooldown).toBe(1);
    expect(fd(recent).suppressed.cooldown).toBeUndefined();
    expect(fd(all).eligible).toBe(fd(recent).eligible + 1);
    const high = (r: { items: Item[] }) =>
      r.items.find((t) => t.slug === "churn-risk-high-intervention")!.counts;
    expect(high(recent)).toEqual(high(all));
    const bad = await get("/v1/tactics?days=0");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/days/);
  });
});
