import { beforeAll, expect, it } from "vitest";
import { validRavenstack } from "../../test/support/ravenstack-fixture.ts";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { ravenstackSourcesFromUploads } from "../ingest/ravenstack/sources.ts";
import { createApiKey } from "../store/api-keys.ts";
import { importRavenstack } from "../usecases/import-ravenstack.ts";
import { buildApp } from "./app.ts";

const now = () => new Date("2026-01-01T00:00:00Z");
const enc = (s: string) => new TextEncoder().encode(s);

describeStores("GET /v1/customers and /v1/customers/facets", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let key: string;

  beforeAll(async () => {
    const ctx = testContext(s.db(), now, parseConfig({}));
    const org = await s.freshOrg();
    const files = new Map(Object.entries(validRavenstack()).map(([k, v]) => [k, enc(v)]));
    await importRavenstack(ctx, org.id, ravenstackSourcesFromUploads(files), {
      grain: "subscription",
      source: "t",
      actor: "t",
    });
    key = (await createApiKey(s.db(), org.id, { role: "viewer", name: "v", now: now() })).key;
    app = await buildApp({ db: s.db(), config: parseConfig({}), now, webDir: "/nonexistent" });
    return () => app.close();
  });

  const get = (url: string) =>
    app.inject({ method: "GET", url, headers: { authorization: `Bearer ${key}` } });

  it("facets count each option with the other filters applied, and the list agrees", async () => {
    const res = await get("/v1/customers/facets?book=all");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.headline).toBe("churn_risk");
    expect(body.total.customers).toBe(3);
    expect(body.facets.plan_tier.map((o: { value: string }) => o.value)).toEqual([
      "Basic",
      "Enterprise",
      "Pro",
    ]);
    for (const [field, opts] of Object.entries(
      body.facets as Record<string, { value: string; count: number }[]>,
    )) {
      for (const o of opts) {
        if (o.count === 0 || field === "book") continue;
        const list = (await get(`/v1/customers?book=all&${field}=${o.value}`)).json();
        expect(list.total.customers, `${field}=${o.value}`).toBe(o.count);
      }
    }
  });

  it("the OpenAPI document describes the facets (standard faceting) and the list's totals", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(doc.paths["/v1/customers/facets"].get.description).toMatch(/every OTHER filter/);
    expect(JSON.stringify(doc.paths["/v1/customers"].get)).toMatch(/book/);
  });

  it("answers 400 naming the field for invalid filter values", async () => {
    const cases: [string, RegExp][] = [
      ["min_arr=-500", /min_arr.*>= 0/],
      ["min_arr=abc", /min_arr/],
      [
        "plan_tier=Platinum",
        /plan_tier: "Platinum" is not a plan tier of this workspace; its tiers are Basic, Enterprise, Pro/,
      ],
      ["driver=bogus", /driver: must be one of the churn_risk drivers/],
      ["risk_level=High", /risk_level: must be one of critical, high, medium, low/],
      ["book=lost", /book/],
      ["status=gone", /status/],
    ];
    for (const [qs, message] of cases) {
      for (const path of ["/v1/customers", "/v1/customers/facets"]) {
        const res = await get(`${path}?${qs}`);
        expect(res.statusCode, `${path}?${qs}`).toBe(400);
        const body = res.json();
        expect(`${body.message} ${(body.details ?? []).join(" ")}`, `${path}?${qs}`).toMatch(message);
      }
    }
  });
});
