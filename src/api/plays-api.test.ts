import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { upsertCustomer } from "../store/customer-write.ts";
import { insertScoreChanges } from "../store/score-changes.ts";
import { runPlaysTick } from "../usecases/run-plays-tick.ts";
import { buildApp } from "./app.ts";

const T = new Date("2026-06-01T15:00:00Z");
const now = () => T;

describeStores("plays API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  const keys: Record<string, string> = {};
  let otherAdmin: string;
  const call = (method: "GET" | "POST", url: string, key: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });

  beforeAll(async () => {
    const org = await s.freshOrg();
    const db = s.db();
    await upsertCustomer(db, org.id, "big", { arr: 120_000, owner: "ana" });
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
    for (const role of ["viewer", "csm", "manager", "admin"] as const)
      keys[role] = (await createApiKey(db, org.id, { role, name: role, now: T })).key;
    const other = await s.freshOrg();
    otherAdmin = (await createApiKey(db, other.id, { role: "admin", name: "other", now: T })).key;
    app = await buildApp({ db, config: parseConfig({}), now, webDir: "/nonexistent" });
  });

  it("answers 401 without a key on every route", async () => {
    for (const [method, url] of [
      ["GET", "/v1/tactics"],
      ["GET", "/v1/plays/decisions"],
      ["GET", "/v1/customers/big/offers"],
      ["GET", "/v1/tasks"],
      ["POST", "/v1/tasks/1/done"],
      ["GET", "/v1/approvals"],
      ["POST", "/v1/approvals/1/approve"],
      ["GET", "/v1/deals"],
      ["GET", "/v1/plays/insights"],
    ] as const) {
      const res = await app.inject({ method, url, remoteAddress: "10.9.0.7" });
      expect(res.statusCode, url).toBe(401);
    }
  });

  it("lists every tactic with its switch, evidence and live counts", async () => {
    const res = await call("GET", "/v1/tactics", keys.viewer!);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      slug: string;
      enabled: boolean;
      counts: { started: number; in_flight: number };
    }[];
    expect(items).toHaveLength(41);
    const high = items.find((t) => t.slug === "churn-risk-high-intervention")!;
    expect(high).toMatchObject({ enabled: true, counts: { started: 1, in_flight: 1 } });
    expect(items.find((t) => t.slug === "first-screen-save-offer")).toMatchObject({
      enabled: false,
      missing_surfaces: ["cancel_flow"],
    });
  });

  it("pages decisions by keyset and filters by customer and tactic", async () => {
    const all = (await call("GET", "/v1/plays/decisions?limit=500", keys.viewer!)).json();
    expect(all.items.length).toBeGreaterThan(1);
    const p1 = (await call("GET", "/v1/plays/decisions?limit=1", keys.viewer!)).json();
    const p2 = (
      await call("GET", `/v1/plays/decisions?limit=1&cursor=${p1.next_cursor}`, keys.viewer!)
    ).json();
    expect([p1.items[0].id, p2.items[0].id]).toEqual([all.items[0].id, all.items[1].id]);
    const mine = (
      await call("GET", "/v1/plays/decisions?customer=crit&tactic=churn-risk-critical-winback", keys.viewer!)
    ).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((d: { customer_id: string }) => d.customer_id === "crit")).toBe(true);
    const bad = await call("GET", "/v1/plays/decisions?since=yesterday", keys.viewer!);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/since/);
  });

  it("lets a manager finish a task and decide an approval; csm and viewer get 403", async () => {
    const tasks = (await call("GET", "/v1/tasks", keys.viewer!)).json().items;
    expect(tasks).toEqual([expect.objectContaining({ customer_id: "crit", status: "open", owner: "bo" })]);
    const id = tasks[0].id;
    for (const role of ["viewer", "csm"]) {
      const res = await call("POST", `/v1/tasks/${id}/done`, keys[role]!, { note: "x" });
      expect(res.statusCode, role).toBe(403);
    }
    const snooze = await call("POST", `/v1/tasks/${id}/snooze`, keys.manager!, { note: "on leave" });
    expect(snooze.statusCode).toBe(400);
    expect(snooze.body).toMatch(/until/);
    const done = await call("POST", `/v1/tasks/${id}/done`, keys.manager!, { note: "called, renewing" });
    expect(done.json()).toMatchObject({ status: "done", note: "called, renewing" });

    const approvals = (await call("GET", "/v1/approvals?status=pending", keys.viewer!)).json().items;
    expect(approvals).toEqual([expect.objectContaining({ customer_id: "big", status: "pending" })]);
    const aid = approvals[0].id;
    expect((await call("POST", `/v1/approvals/${aid}/approve`, keys.csm!, { reason: "ok" })).statusCode).toBe(
      403,
    );
    const noReason = await call("POST", `/v1/approvals/${aid}/approve`, keys.manager!, { reason: "" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toMatch(/reason/);
    const ok = await call("POST", `/v1/approvals/${aid}/reject`, keys.admin!, { reason: "CSM will call" });
    expect(ok.json()).toMatchObject({ status: "rejected", reason: "CSM will call", decided_by: "key:admin" });
  });

  it("keeps every route inside the key's org", async () => {
    expect((await call("GET", "/v1/tasks", otherAdmin)).json().items).toEqual([]);
    expect((await call("GET", "/v1/approvals", otherAdmin)).json().items).toEqual([]);
    expect((await call("GET", "/v1/plays/decisions", otherAdmin)).json().items).toEqual([]);
    expect((await call("GET", "/v1/customers/big/offers", otherAdmin)).statusCode).toBe(404);
    expect((await call("POST", "/v1/tasks/1/done", otherAdmin, {})).statusCode).toBe(404);
    expect((await call("POST", "/v1/approvals/1/approve", otherAdmin, { reason: "x" })).statusCode).toBe(404);
  });

  it("lists offers, deals (JSON and CSV) and insights", async () => {
    expect((await call("GET", "/v1/customers/big/offers", keys.viewer!)).json()).toEqual({ items: [] });
    expect((await call("GET", "/v1/deals", keys.viewer!)).json()).toEqual({ items: [] });
    const csv = await call("GET", "/v1/deals?format=csv", keys.viewer!);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.body.trim()).toBe("id,customer_id,tactic,stage,estimated_amount,owner,reason,created_at");
    expect((await call("GET", "/v1/plays/insights", keys.viewer!)).statusCode).toBe(200);
  });
});
