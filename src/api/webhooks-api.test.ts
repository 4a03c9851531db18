import { afterAll, beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { startReceiver } from "../../test/support/webhook-receiver.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { upsertCustomer } from "../store/customer-write.ts";
import type { Org } from "../store/orgs.ts";
import { buildApp } from "./app.ts";

const clock = new Date("2026-03-10T12:00:00Z");
const now = () => clock;
const config = parseConfig({});

describeStores("webhooks, outbox and CRM export API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let org: Org;
  let admin: string;
  let viewer: string;
  let secret = "";
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    org = await s.freshOrg();
    admin = (await createApiKey(s.db(), org.id, { role: "admin", name: "ops", now: now() })).key;
    viewer = (await createApiKey(s.db(), org.id, { role: "viewer", name: "v", now: now() })).key;
    await upsertCustomer(s.db(), org.id, "c1", {
      name: "One, Inc.",
      plan_tier: "Pro",
      signup_date: "2025-01-01",
    });
    app = await buildApp({ db: s.db(), config, now });
    rx = await startReceiver({ secret: () => secret, now });
  });
  afterAll(async () => rx?.close());

  it("creates an endpoint showing its secret once, refuses bad input naming the field", async () => {
    const bad = await app.inject({
      method: "POST",
      url: "/v1/webhooks",
      headers: auth(admin),
      payload: { url: "ftp://example.com/x", events: ["play.fired"] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.join(" ")).toMatch(/url: expected an http/);
    const badEvent = await app.inject({
      method: "POST",
      url: "/v1/webhooks",
      headers: auth(admin),
      payload: { url: rx.url, events: ["nope"] },
    });
    expect(badEvent.statusCode).toBe(400);
    const denied = await app.inject({ method: "GET", url: "/v1/webhooks", headers: auth(viewer) });
    expect(denied.statusCode).toBe(403);

    const r = await app.inject({
      method: "POST",
      url: "/v1/webhooks",
      headers: auth(admin),
      payload: { url: rx.url, events: ["play.fired", "score.band_changed"], description: "CRM" },
    });
    expect(r.statusCode).toBe(201);
    secret = r.json().secret;
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const list = await app.inject({ method: "GET", url: "/v1/webhooks", headers: auth(admin) });
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain(secret);
    expect(list.json().items[0].secret_hint).toBe(`whsec_…${secret.slice(-4)}`);
  });

  it("test-sends a signed event, logs it, and shows it in the outbox", async () => {
    const [ep] = (await app.inject({ method: "GET", url: "/v1/webhooks", headers: auth(admin) })).json()
      .items;
    const t = await app.inject({ method: "POST", url: `/v1/webhooks/${ep.id}/test`, headers: auth(admin) });
    expect(t.statusCode).toBe(200);
    expect(t.json()).toMatchObject({ status: "sent", code: "200", error: null });
    expect(rx.accepted()).toHaveLength(1);
    expect(JSON.parse(rx.accepted()[0]!.body)).toMatchObject({ type: "webhook.test", version: 1 });
    const detail = await app.inject({ method: "GET", url: `/v1/webhooks/${ep.id}`, headers: auth(admin) });
    expect(detail.json().deliveries).toEqual([
      expect.objectContaining({ status: "ok", code: "200", attempt: 1 }),
    ]);
    expect(detail.body).not.toContain(secret);

    const outbox = await app.inject({
      method: "GET",
      url: "/v1/outbox?channel=webhook&status=sent",
      headers: auth(viewer),
    });
    expect(outbox.statusCode).toBe(200);
    expect(outbox.json()).toMatchObject({
      total: 1,
      items: [expect.objectContaining({ channel: "webhook", status: "sent" })],
    });
    const id = outbox.json().items[0].id;
    const one = await app.inject({ method: "GET", url: `/v1/outbox/${id}`, headers: auth(viewer) });
    expect(one.json().attempt_log).toHaveLength(1);
    const notDead = await app.inject({ method: "POST", url: `/v1/outbox/${id}/retry`, headers: auth(admin) });
    expect(notDead.statusCode).toBe(409);
    const badFilter = await app.inject({
      method: "GET",
      url: "/v1/outbox?status=lost",
      headers: auth(viewer),
    });
    expect(badFilter.statusCode).toBe(400);
  });

  it("patches and deletes an endpoint", async () => {
    const [ep] = (await app.inject({ method: "GET", url: "/v1/webhooks", headers: auth(admin) })).json()
      .items;
    const p = await app.inject({
      method: "PATCH",
      url: `/v1/webhooks/${ep.id}`,
      headers: auth(admin),
      payload: { format: "hubspot" },
    });
    expect(p.json()).toMatchObject({ format: "hubspot" });
    const d = await app.inject({ method: "DELETE", url: `/v1/webhooks/${ep.id}`, headers: auth(admin) });
    expect(d.json()).toEqual({ deleted: ep.id });
    const again = await app.inject({ method: "DELETE", url: `/v1/webhooks/${ep.id}`, headers: auth(admin) });
    expect(again.statusCode).toBe(404);
  });

  it("exports customers as HubSpot and Salesforce CSV", async () => {
    const h = await app.inject({
      method: "GET",
      url: "/v1/exports/crm?format=hubspot",
      headers: auth(viewer),
    });
    expect(h.statusCode).toBe(200);
    expect(h.headers["content-type"]).toMatch(/text\/csv/);
    const [head, row] = h.body.split("\r\n");
    expect(head).toMatch(/^holdfast_customer_id,domain_account_id,name,holdfast_health_score/);
    expect(row).toMatch(/^c1,.*"One, Inc\."/);
    const sf = await app.inject({
      method: "GET",
      url: "/v1/exports/crm?format=salesforce",
      headers: auth(viewer),
    });
    expect(sf.body.split("\r\n")[0]).toMatch(/^Holdfast_Customer_Id__c,AccountNumber,Name/);
    const bad = await app.inject({
      method: "GET",
      url: "/v1/exports/crm?format=zoho",
      headers: auth(viewer),
    });
    expect(bad.statusCode).toBe(400);
  });

  it("documents every event type's payload in the OpenAPI document", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    const text = JSON.stringify(doc.paths["/v1/webhooks/event-types"]);
    for (const t of ["score.band_changed", "customer.churned", "offer.accepted", "outcome.logged"])
      expect(text).toContain(t);
    const cat = await app.inject({ method: "GET", url: "/v1/webhooks/event-types", headers: auth(viewer) });
    expect(cat.json().examples).toHaveLength(9);
  });
});
