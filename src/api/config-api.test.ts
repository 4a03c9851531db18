import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { upsertCustomer } from "../store/customer-write.ts";
import type { Org } from "../store/orgs.ts";
import { jobHandlers } from "../usecases/job-handlers.ts";
import { createWorker } from "../worker/worker.ts";
import { buildApp } from "./app.ts";

let clock = new Date("2026-03-10T12:00:00Z");
const now = () => clock;
const config = parseConfig({ tickets: { apiKey: "sk-file-secret" } });

describeStores("config versions API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let org: Org;
  let admin: string;
  let manager: string;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });
  const runJobs = () =>
    createWorker({
      ctx: { db: s.db(), defaults: config, now },
      handlers: jobHandlers(),
      orgId: org.id,
      pollMs: 10,
    }).runUntilIdle();
  const scoreVersions = async () =>
    (
      await s
        .db()
        .kysely.selectFrom("scores")
        .select("config_version")
        .distinct()
        .where("org_id", "=", org.id)
        .execute()
    ).map((r) => Number(r.config_version));

  beforeAll(async () => {
    org = await s.freshOrg();
    admin = (await createApiKey(s.db(), org.id, { role: "admin", name: "ops", now: now() })).key;
    manager = (await createApiKey(s.db(), org.id, { role: "manager", name: "m", now: now() })).key;
    await upsertCustomer(s.db(), org.id, "c1", { name: "One", plan_tier: "Pro", signup_date: "2025-01-01" });
    app = await buildApp({ db: s.db(), config, now });
  });

  it("answers version 0 (the file defaults) with secrets redacted, to admins only", async () => {
    const r = await app.inject({ method: "GET", url: "/v1/config", headers: auth(admin) });
    expect(r.statusCode).toBe(200);
    expect(r.json().version).toBe(0);
    expect(r.json().config.tickets.apiKey).toBe("[redacted]");
    expect(r.body).not.toContain("sk-file-secret");
    const denied = await app.inject({ method: "GET", url: "/v1/config", headers: auth(manager) });
    expect(denied.statusCode).toBe(403);
  });

  it("refuses a bad value with 422 naming its path, and changes nothing", async () => {
    const r = await app.inject({
      method: "PUT",
      url: "/v1/config",
      headers: auth(admin),
      payload: { config: { scheduler: { dailyAt: "25:00" }, earlyWarning: { windowDays: -3 } } },
    });
    expect(r.statusCode).toBe(422);
    const details: string[] = r.json().details;
    expect(details.some((d) => d.includes("scheduler.dailyAt"))).toBe(true);
    expect(details.some((d) => d.includes("earlyWarning.windowDays"))).toBe(true);
    const api = await app.inject({
      method: "PUT",
      url: "/v1/config",
      headers: auth(admin),
      payload: { config: { api: { rateLimitPerMinute: 0 } } },
    });
    expect(api.statusCode).toBe(422);
    const versions = await app.inject({ method: "GET", url: "/v1/config/versions", headers: auth(admin) });
    expect(versions.json().items).toEqual([]);
  });

  it("versions a change with its diff and audit entry; the next scores carry the new version; a revert is a new version", async () => {
    clock = new Date("2026-03-10T13:00:00Z");
    const r = await app.inject({
      method: "PUT",
      url: "/v1/config",
      headers: auth(admin),
      payload: { config: { earlyWarning: { levels: { high: 55 } } }, reason: "tighter high band" },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      version: 1,
      author: "key:ops",
      reason: "tighter high band",
      unchanged: false,
      changes: [{ path: "earlyWarning.levels.high", from: 60, to: 55 }],
    });
    // The change queued a refresh; a worker runs it and every score row names version 1.
    expect(await runJobs()).toBe(1);
    expect(await scoreVersions()).toEqual([1]);

    const same = await app.inject({
      method: "PUT",
      url: "/v1/config",
      headers: auth(admin),
      payload: { config: { earlyWarning: { levels: { high: 55 } } } },
    });
    expect(same.json()).toMatchObject({ version: 1, unchanged: true });

    const audit = await s
      .db()
      .kysely.selectFrom("audit_log")
      .select(["actor", "action", "subject"])
      .where("org_id", "=", org.id)
      .where("action", "like", "config.%")
      .execute();
    expect(audit).toEqual([{ actor: "key:ops", action: "config.update", subject: "v1" }]);

    clock = new Date("2026-03-10T14:00:00Z");
    const back = await app.inject({
      method: "POST",
      url: "/v1/config/revert",
      headers: auth(admin),
      payload: { version: 0, reason: "back to defaults" },
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({
      version: 2,
      reverted_to: 0,
      changes: [{ path: "earlyWarning.levels.high", from: 55, to: 60 }],
    });
    expect(await runJobs()).toBe(1);
    expect(await scoreVersions()).toEqual([2]);
    const cur = await app.inject({ method: "GET", url: "/v1/config", headers: auth(admin) });
    expect(cur.json()).toMatchObject({ version: 2, config: { earlyWarning: { levels: { high: 60 } } } });
    const list = await app.inject({ method: "GET", url: "/v1/config/versions", headers: auth(admin) });
    expect(list.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });
});
