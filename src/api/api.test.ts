import { zipSync } from "fflate";
import { beforeAll, expect, it } from "vitest";
import { validRavenstack } from "../../test/support/ravenstack-fixture.ts";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { SCORE_KINDS } from "../core/scores/kinds.ts";
import { ravenstackSourcesFromUploads } from "../ingest/ravenstack/sources.ts";
import { createApiKey } from "../store/api-keys.ts";
import type { Org } from "../store/orgs.ts";
import { importRavenstack } from "../usecases/import-ravenstack.ts";
import { buildApp } from "./app.ts";

const now = () => new Date("2026-01-01T00:00:00Z");
const config = parseConfig({});
const enc = (s: string) => new TextEncoder().encode(s);

function multipart(files: Record<string, string | Uint8Array>, fields: Record<string, string> = {}) {
  const boundary = "----holdfast-test";
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const [name, content] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(content),
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

describeStores("HTTP API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let org: Org;
  let admin: string;
  let viewer: string;
  let otherOrgKey: string;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    org = await s.freshOrg();
    const files = new Map(Object.entries(validRavenstack()).map(([k, v]) => [k, enc(v)]));
    // The import refreshes the org: every score kind, reports snapshotted.
    await importRavenstack(testContext(s.db(), now, config), org.id, ravenstackSourcesFromUploads(files), {
      grain: "subscription",
      source: "t",
      actor: "t",
    });
    admin = (await createApiKey(s.db(), org.id, { role: "admin", name: "admin", now: now() })).key;
    viewer = (await createApiKey(s.db(), org.id, { role: "viewer", name: "viewer", now: now() })).key;
    const other = await s.freshOrg();
    otherOrgKey = (await createApiKey(s.db(), other.id, { role: "admin", name: "other", now: now() })).key;
    app = await buildApp({ db: s.db(), config, now, webDir: "/nonexistent" });
  });

  const ROUTES = [
    ["GET", "/v1/reports/executive"],
    ["GET", "/v1/reports/drivers"],
    ["GET", "/v1/customers"],
    ["GET", "/v1/customers/S-1"],
    ["GET", "/v1/customers/S-1/outcomes"],
    ["POST", "/v1/customers/S-1/outcomes"],
    ["PUT", "/v1/customers/S-1/checklist/usage-checkin"],
    ["POST", "/v1/imports"],
    ["GET", "/v1/imports"],
  ] as const;

  it("every /v1 route answers 401 without a key, and with an unknown or expired one", async () => {
    const expired = (
      await createApiKey(s.db(), org.id, {
        role: "admin",
        name: "old",
        now: now(),
        expiresAt: new Date("2025-01-01T00:00:00Z"),
      })
    ).key;
    // Every route the OpenAPI document lists, so a new route cannot skip authentication.
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    const all: [string, string][] = [];
    for (const [template, ops] of Object.entries(doc.paths as Record<string, object>)) {
      if (!template.startsWith("/v1/")) continue;
      for (const method of Object.keys(ops))
        all.push([method.toUpperCase(), template.replace(/\{[^}]+\}/g, "x")]);
    }
    expect(all.length).toBeGreaterThan(20);
    // Each from its own address: one address past 20 failed authentications a minute gets 429.
    let n = 0;
    for (const [method, url] of all) {
      for (const headers of [{}, auth("hf_nope"), auth(expired)]) {
        const remoteAddress = `10.0.${Math.floor(n / 250)}.${n++ % 250}`;
        const res = await app.inject({ method: method as "GET", url, headers, remoteAddress });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json().error).toBe("unauthorized");
      }
    }
  });

  it("the OpenAPI document lists every route", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    for (const [method, url] of ROUTES) {
      const template = url.replace("/S-1", "/{id}").replace("/usage-checkin", "/{step}");
      expect(doc.paths[template]?.[method.toLowerCase()], `${method} ${template}`).toBeDefined();
    }
    expect((await app.inject({ method: "GET", url: "/docs" })).statusCode).toBeLessThan(400);
  });

  it("another org's key sees none of this org's customers", async () => {
    const list = await app.inject({ method: "GET", url: "/v1/customers", headers: auth(otherOrgKey) });
    expect(list.json().items).toEqual([]);
    const exec = (
      await app.inject({ method: "GET", url: "/v1/reports/executive", headers: auth(otherOrgKey) })
    ).json();
    expect(exec.customers).toBe(0);
    // Every route naming this org's customer answers as if it did not exist.
    for (const [method, url, payload] of [
      ["GET", "/v1/customers/S-1", undefined],
      ["POST", "/v1/customers/S-1/outcomes", { outcome: "contacted" }],
      ["GET", "/v1/customers/S-1/scores", undefined],
      ["POST", "/v1/customers/S-1/recompute", undefined],
      ["PUT", "/v1/customers/S-1/billing-contact", { email: "x@example.com" }],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: auth(otherOrgKey),
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    // Its outcomes and lifecycle too (issue 10: no longer 200 with an empty list).
    for (const tail of ["outcomes", "lifecycle"]) {
      const res = await app.inject({
        method: "GET",
        url: `/v1/customers/S-1/${tail}`,
        headers: auth(otherOrgKey),
      });
      expect(res.statusCode, tail).toBe(404);
      expect(res.json().error).toBe("not_found");
    }
  });

  it("executive and drivers figures come from the stored scores", async () => {
    const exec = (
      await app.inject({ method: "GET", url: "/v1/reports/executive", headers: auth(viewer) })
    ).json();
    // The live book by the headline (churn risk): S-2 churned on 2024-12-20 and is counted apart.
    expect(exec).toMatchObject({
      customers: 2,
      book: "live",
      headline: { key: "churn_risk", label: "Churn risk" },
      level_counts: { High: 0, Medium: 2, Low: 0 },
      arr_at_risk: 0,
      total_arr: 48000,
      usage_window_end: "2024-12-31",
      tickets_window_end: "2024-12-28",
    });
    expect(exec.statuses.find((x: { key: string }) => x.key === "churned")).toMatchObject({
      customers: 1,
      arr: 1200,
    });
    const drivers = (
      await app.inject({ method: "GET", url: "/v1/reports/drivers", headers: auth(viewer) })
    ).json();
    expect(drivers.drivers).toMatchObject({
      usage: 1,
      satisfaction: 0,
      support: 0,
      downgrade: 0,
      trial: 0,
      errors: 1,
    });
    expect(drivers.churn_reasons).toEqual([{ reason_code: "pricing", count: 1 }]);
  });

  it("lists customers with filters, sorts and cursor pages that add up to the whole list", async () => {
    const get = async (qs: string) =>
      (await app.inject({ method: "GET", url: `/v1/customers?${qs}`, headers: auth(viewer) })).json();
    const ids = (page: { items: { customer_id: string }[] }) => page.items.map((i) => i.customer_id);
    const whole = await get("book=all");
    expect(whole.total).toEqual({ customers: 3, arr: 49200 });
    const first = await get("book=all&limit=2");
    expect(first.total).toEqual(whole.total);
    const second = await get(`book=all&limit=2&cursor=${first.next_cursor}`);
    expect([...ids(first), ...ids(second)]).toEqual(ids(whole));
    expect(second.next_cursor).toBeNull();
    const level = whole.items[0].risk_level;
    expect((await get(`book=all&risk_level=${level}`)).total.customers).toBe(
      whole.items.filter((i: { risk_level: string }) => i.risk_level === level).length,
    );
    expect((await get("plan_tier=Enterprise")).items[0].customer_id).toBe("S-3");
    expect((await get("min_arr=10000&sort=-arr")).items.map((i: { arr: number }) => i.arr)).toEqual([
      36000, 12000,
    ]);
    expect((await get("churned=true")).items.map((i: { customer_id: string }) => i.customer_id)).toEqual([
      "S-2",
    ]);
    expect((await get("q=company_1")).items).toHaveLength(2);
    expect(
      (await get("book=all&sort=customer_id")).items.map((i: { customer_id: string }) => i.customer_id),
    ).toEqual(["S-1", "S-2", "S-3"]);
    const bad = await app.inject({
      method: "GET",
      url: "/v1/customers?cursor=garbage",
      headers: auth(viewer),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/cursor is not valid/);
  });

  it("exports the filtered list as CSV", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/v1/customers?format=csv&min_arr=1&book=all",
      headers: auth(viewer),
    });
    expect(res.headers["content-type"]).toMatch(/text\/csv/);
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "customer_id,account_id,account_name,plan_tier,arr,status,churn_date,churned,risk_score,risk_level,top_reasons",
    );
    expect(lines).toHaveLength(4);
  });

  it("serves the brief, and keeps checklist ticks and outcomes (audited)", async () => {
    const brief = (
      await app.inject({ method: "GET", url: "/v1/customers/S-2", headers: auth(viewer) })
    ).json();
    // S-2 churned: its brief says so, with no risk level left, and drafts a win-back.
    expect(brief.customer).toMatchObject({
      customer_id: "S-2",
      risk_level: null,
      churned: true,
      status: "churned",
      churn_date: "2024-12-20",
      churn_reason: "pricing",
    });
    expect(brief.headline).toBe("Churned on Dec 20, 2024 (reason: Pricing), $1,200 ARR lost");
    // No live reasons once churned; the plan is a win-back (issue 18).
    expect(brief.score.reasons).toHaveLength(0);
    expect(brief.checklist[0]).toMatchObject({ id: "winback-feedback", done: false });
    expect(brief.drafts.email.subject).toBe("Company_2: we would love to hear from you");
    const tick = await app.inject({
      method: "PUT",
      url: "/v1/customers/S-2/checklist/winback-feedback",
      headers: auth(admin),
      payload: { done: true },
    });
    expect(tick.json()).toMatchObject({ id: "winback-feedback", done: true, done_by: "key:admin" });
    const viewerTick = await app.inject({
      method: "PUT",
      url: "/v1/customers/S-2/checklist/winback-feedback",
      headers: auth(viewer),
      payload: { done: false },
    });
    expect(viewerTick.statusCode).toBe(403);
    const logged = await app.inject({
      method: "POST",
      url: "/v1/customers/S-2/outcomes",
      headers: auth(admin),
      payload: { outcome: "meeting_scheduled", notes: "QBR on Friday" },
    });
    expect(logged.statusCode).toBe(201);
    const bad = await app.inject({
      method: "POST",
      url: "/v1/customers/S-2/outcomes",
      headers: auth(admin),
      payload: { outcome: "maybe" },
    });
    expect(bad.statusCode).toBe(400);
    const again = (
      await app.inject({ method: "GET", url: "/v1/customers/S-2", headers: auth(viewer) })
    ).json();
    expect(again.checklist[0].done).toBe(true);
    expect(again.outcomes[0]).toMatchObject({
      outcome: "meeting_scheduled",
      notes: "QBR on Friday",
      author: "key:admin",
    });
    const audit = await s
      .db()
      .kysely.selectFrom("audit_log")
      .select("action")
      .where("org_id", "=", org.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["checklist.done", "outcome.logged"]));
  });

  it("uploads: refuses a broken set with per-file errors and changes nothing; accepts a zip", async () => {
    const broken = validRavenstack();
    broken["ravenstack_subscriptions.csv"] = broken["ravenstack_subscriptions.csv"]!.replace(
      "2024-03-01",
      "2024-03-99",
    );
    const upload = (key: string, body: ReturnType<typeof multipart>) =>
      app.inject({
        method: "POST",
        url: "/v1/imports",
        payload: body.payload,
        headers: { ...body.headers, ...auth(key) },
      });
    const before = (
      await app.inject({ method: "GET", url: "/v1/reports/executive", headers: auth(viewer) })
    ).json();
    const res = await upload(admin, multipart(broken));
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toContain(
      'ravenstack_subscriptions.csv:4: start_date: "2024-03-99" is not a date (expected YYYY-MM-DD)',
    );
    expect(
      (await app.inject({ method: "GET", url: "/v1/reports/executive", headers: auth(viewer) })).json(),
    ).toEqual(before);
    expect((await upload(viewer, multipart(broken))).statusCode).toBe(403);

    const files = validRavenstack();
    files["ravenstack_accounts.csv"] = files["ravenstack_accounts.csv"]!.replace(
      "Company_1,",
      "Company One,",
    );
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, enc(v)])));
    const ok = await upload(admin, multipart({ "data.zip": zip }, { grain: "subscription" }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: "imported", customers: 3, written: { accounts: 1 } });
    const history = (await app.inject({ method: "GET", url: "/v1/imports", headers: auth(viewer) })).json();
    expect(history.items.map((h: { status: string }) => h.status).slice(0, 2)).toEqual([
      "imported",
      "refused",
    ]);
  });

  it("after POST /v1/imports every score kind of every imported customer is current", async () => {
    const fresh = await s.freshOrg();
    const key = (await createApiKey(s.db(), fresh.id, { role: "admin", name: "import", now: now() })).key;
    const body = multipart(validRavenstack());
    const res = await app.inject({
      method: "POST",
      url: "/v1/imports",
      payload: body.payload,
      headers: { ...body.headers, ...auth(key) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "imported", customers: 3 });
    // The refresh runs as of one day for every customer: the clock's day, or the data's last day
    // when the data is historical (this fixture's usage ends long before the clock).
    const days = await s
      .db()
      .kysely.selectFrom("scores")
      .select("as_of")
      .distinct()
      .where("org_id", "=", fresh.id)
      .execute();
    expect(days).toHaveLength(1);
    const refreshDay = days[0]!.as_of;
    const usageEnd = await s
      .db()
      .kysely.selectFrom("usage_daily")
      .select((eb) => eb.fn.max("day").as("end"))
      .where("org_id", "=", fresh.id)
      .executeTakeFirstOrThrow();
    const clockDay = now().toISOString().slice(0, 10);
    expect(refreshDay).toBe([usageEnd.end!, clockDay].sort()[0]);
    const rows = await s
      .db()
      .kysely.selectFrom("scores")
      .select(["customer_id", "kind"])
      .where("org_id", "=", fresh.id)
      .where("as_of", "=", refreshDay)
      .execute();
    const kindsOf = (id: string) =>
      rows
        .filter((r) => r.customer_id === id)
        .map((r) => r.kind)
        .sort();
    for (const id of ["S-1", "S-2", "S-3"]) expect(kindsOf(id), id).toEqual([...SCORE_KINDS].sort());
    // The dashboard's figures were refreshed with them.
    const exec = (
      await app.inject({ method: "GET", url: "/v1/reports/executive", headers: auth(key) })
    ).json();
    expect(exec.customers).toBe(2); // the live book: S-2 churned
  });
});
