import { beforeAll, expect, it } from "vitest";
import { RENEWALS_AS_OF, writeRenewalsFixture } from "../../test/support/renewals-fixture.ts";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { buildApp } from "./app.ts";

const now = () => new Date("2026-01-01T00:00:00Z");

describeStores("renewals and retention API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let viewer: string;
  let otherOrgKey: string;
  const get = (url: string, key = viewer) =>
    app.inject({ method: "GET", url, headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    const org = await s.freshOrg();
    await writeRenewalsFixture(s.db(), org.id);
    viewer = (await createApiKey(s.db(), org.id, { role: "viewer", name: "viewer", now: now() })).key;
    const other = await s.freshOrg();
    otherOrgKey = (await createApiKey(s.db(), other.id, { role: "admin", name: "other", now: now() })).key;
    app = await buildApp({ db: s.db(), config: parseConfig({}), now, webDir: "/nonexistent" });
  });

  it("answers 401 without a key", async () => {
    for (const url of ["/v1/renewals", "/v1/reports/retention"]) {
      const res = await app.inject({ method: "GET", url, remoteAddress: "10.9.0.1" });
      expect(res.statusCode, url).toBe(401);
    }
  });

  it("lists the subscriptions due in 30 days with buckets; a viewer may read", async () => {
    const res = await get("/v1/renewals?within=30&include_monthly=true");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.as_of).toBe(RENEWALS_AS_OF);
    expect(body.items.map((r: { subscription_id: string }) => r.subscription_id)).toEqual([
      "S10",
      "S9",
      "S1",
      "S2",
    ]);
    expect(body.buckets[0]).toEqual({ within: 30, subscriptions: 4, arr: 15600 });
    const contracts = (await get("/v1/renewals?within=30")).json();
    expect(contracts.items.map((r: { subscription_id: string }) => r.subscription_id)).toEqual([
      "S10",
      "S9",
      "S2",
    ]);
    const page = (await get("/v1/renewals?within=90&sort=-arr&limit=2&include_monthly=true")).json();
    expect(page.items.map((r: { subscription_id: string }) => r.subscription_id)).toEqual(["S2", "S3"]);
    const next = (
      await get(`/v1/renewals?within=90&sort=-arr&limit=2&include_monthly=true&cursor=${page.next_cursor}`)
    ).json();
    expect(next.items.map((r: { subscription_id: string }) => r.subscription_id)).toEqual(["S4", "S9"]);
  });

  it("exports the whole list as CSV", async () => {
    const res = await get("/v1/renewals?within=60&format=csv&include_monthly=true");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "subscription_id,customer_id,account_name,plan_tier,renewal_date,kind,days_until,arr,auto_renew,owner,risk_score,risk_level",
    );
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["S10", "S9", "S1", "S2", "S3"]);
  });

  it("answers 400 naming the field for a window other than 30/60/90, a bad sort or cursor", async () => {
    const res = await get("/v1/renewals?within=45");
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe("invalid_input");
    expect(res.json().details.join(" ")).toMatch(/within: must be 30, 60 or 90/);
    expect((await get("/v1/renewals?sort=arr")).json().details.join(" ")).toMatch(/sort/);
    const bad = await get("/v1/renewals?cursor=abc");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/cursor/);
    const months = await get("/v1/reports/retention?months=0");
    expect(months.statusCode).toBe(400);
    expect(months.json().details.join(" ")).toMatch(/months/);
    const day = await get("/v1/reports/retention?as_of=2025-02-30");
    expect(day.statusCode).toBe(400);
    expect(day.json().message).toMatch(/as_of/);
  });

  it("reports 12 months of retention; another org sees none of this org's data", async () => {
    const r = (await get("/v1/reports/retention")).json();
    expect(r.as_of).toBe(RENEWALS_AS_OF);
    expect(r.months).toHaveLength(12);
    expect(r.months[11]).toMatchObject({ month: "2025-03", complete: false });
    const other = (await get("/v1/renewals?within=90", otherOrgKey)).json();
    expect(other.items).toEqual([]);
    expect(other.buckets.map((b: { subscriptions: number }) => b.subscriptions)).toEqual([0, 0, 0]);
  });
});
