import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import type { Org } from "../store/orgs.ts";
import { jobHandlers } from "../usecases/job-handlers.ts";
import { loadDemoWorkspace } from "../usecases/load-demo-workspace.ts";
import { createWorker } from "../worker/worker.ts";
import { buildApp } from "./app.ts";

const END = "2026-06-30";
const now = () => new Date("2026-07-01T06:00:00Z");
const config = parseConfig({ model: { minSnapshots: 2, minPositives: 1 } });

describeStores("models API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let org: Org;
  let admin: string;
  let viewer: string;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    org = await s.freshOrg();
    admin = (await createApiKey(s.db(), org.id, { role: "admin", name: "ops", now: now() })).key;
    viewer = (await createApiKey(s.db(), org.id, { role: "viewer", name: "v", now: now() })).key;
    await loadDemoWorkspace({ db: s.db(), defaults: config, now }, org.id, {
      customers: 80,
      seed: 3,
      end: END,
      months: 12,
    });
    app = await buildApp({ db: s.db(), config, now });
  });

  it("trains as jobs, lists and shows the models, promotes with a reason, explains a customer", async () => {
    const empty = await app.inject({ method: "GET", url: "/v1/models", headers: auth(viewer) });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({
      models: [],
      minimum: { snapshots: 2, positives: 1 },
      horizonDays: 90,
    });
    const denied = await app.inject({
      method: "POST",
      url: "/v1/models/train",
      headers: auth(viewer),
      payload: {},
    });
    expect(denied.statusCode).toBe(403);
    const bad = await app.inject({
      method: "POST",
      url: "/v1/models/train",
      headers: auth(admin),
      payload: { kind: "x" },
    });
    expect(bad.statusCode).toBe(400);
    const queued = await app.inject({
      method: "POST",
      url: "/v1/models/train",
      headers: auth(admin),
      payload: {},
    });
    expect(queued.statusCode).toBe(202);
    expect(queued.json().jobs.map((j: { kind: string }) => j.kind)).toEqual(["churn", "expansion"]);
    await createWorker({
      ctx: { db: s.db(), defaults: config, now },
      handlers: jobHandlers(),
      orgId: org.id,
      pollMs: 10,
    }).runUntilIdle();
    const list = (await app.inject({ method: "GET", url: "/v1/models", headers: auth(viewer) })).json();
    expect(list.models.map((m: { kind: string }) => m.kind).sort()).toEqual(["churn", "expansion"]);
    const churn = list.models.find((m: { kind: string }) => m.kind === "churn");
    const one = await app.inject({ method: "GET", url: `/v1/models/${churn.id}`, headers: auth(viewer) });
    expect(one.statusCode).toBe(200);
    expect(one.json().metrics.model.auc).toBeGreaterThan(0);
    expect(one.json().metrics.liftCurves.model).toHaveLength(10);
    expect(
      (await app.inject({ method: "GET", url: "/v1/models/999", headers: auth(viewer) })).statusCode,
    ).toBe(404);

    const noReason = await app.inject({
      method: "POST",
      url: `/v1/models/${churn.id}/promote`,
      headers: auth(admin),
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
    if (churn.status !== "promoted") {
      const p = await app.inject({
        method: "POST",
        url: `/v1/models/${churn.id}/promote`,
        headers: auth(admin),
        payload: { reason: "reviewed the card" },
      });
      expect(p.statusCode).toBe(200);
      expect(p.json().status).toBe("promoted");
    }
    const again = await app.inject({
      method: "POST",
      url: `/v1/models/${churn.id}/promote`,
      headers: auth(admin),
      payload: { reason: "twice" },
    });
    expect(again.statusCode).toBe(409);
    const customer = await s
      .db()
      .kysely.selectFrom("customers")
      .select("id")
      .where("org_id", "=", org.id)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const e = await app.inject({
      method: "GET",
      url: `/v1/customers/${customer.id}/explanation`,
      headers: auth(viewer),
    });
    expect(e.statusCode).toBe(200);
    expect(e.json().model.id).toBe(churn.id);
    expect(e.json().reasons[0].text).toMatch(/: [+-]\d+\.\d\d$/);
    const missing = await app.inject({
      method: "GET",
      url: "/v1/customers/nope/explanation",
      headers: auth(viewer),
    });
    expect(missing.statusCode).toBe(404);
  });
});
