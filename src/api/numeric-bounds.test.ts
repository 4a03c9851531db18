import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { NUMERIC_LIMITS } from "../core/limits.ts";

import { createApiKey } from "../store/api-keys.ts";
import type { Org } from "../store/orgs.ts";
import { buildApp } from "./app.ts";

const now = () => new Date("2026-03-10T12:00:00Z");

/** Issue 10, defect 4: an ingest key could store 1e308 and break reports and scoring. */
describeStores("numeric bounds", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let org: Org;
  let ingest: string;
  let admin: string;
  const auth = (k: string) => ({ authorization: `Bearer ${k}` });

  beforeAll(async () => {
    org = await s.freshOrg();
    ingest = (await createApiKey(s.db(), org.id, { role: "ingest", name: "ingest", now: now() })).key;
    admin = (await createApiKey(s.db(), org.id, { role: "admin", name: "admin", now: now() })).key;
    app = await buildApp({ db: s.db(), config: parseConfig({}), now });
  });

  it("refuses a value past its bound with the bound named, and reports still answer", async () => {
    for (const body of [{ arr: 1e308 }, { seats: 1e12 }, { traits: { ltv: 1e300 } }]) {
      const r = await app.inject({
        method: "PUT",
        url: "/v1/customers/X1",
        headers: auth(ingest),
        payload: body,
      });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error).toBe("invalid_input");
      expect(JSON.stringify(r.json().details)).toMatch(/<=|too big|maximum/i);
    }
    const max = await app.inject({
      method: "PUT",
      url: "/v1/customers/X1",
      headers: auth(ingest),
      payload: { arr: NUMERIC_LIMITS.money },
    });
    expect(max.statusCode).toBeLessThan(300);
    const twice = await app.inject({
      method: "PUT",
      url: "/v1/customers/X2",
      headers: auth(ingest),
      payload: { arr: NUMERIC_LIMITS.money },
    });
    expect(twice.statusCode).toBeLessThan(300);
    const exec = await app.inject({ method: "GET", url: "/v1/reports/executive", headers: auth(admin) });
    expect(exec.statusCode).toBe(200);
  });

  it("an event with an amount past its bound is rejected alone; the rest of the batch is kept", async () => {
    const r = await app.inject({
      method: "POST",
      url: "/v1/events",
      headers: auth(ingest),
      payload: [
        {
          id: "n1",
          customer_id: "X1",
          type: "api_calls",
          timestamp: "2026-03-09T10:00:00Z",
          properties: { count: 1e12 },
        },
        {
          id: "n2",
          customer_id: "X1",
          type: "api_calls",
          timestamp: "2026-03-09T10:00:00Z",
          properties: { count: 5 },
        },
      ],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().accepted).toBe(1);
    expect(r.json().rejected).toMatchObject([{ index: 0, id: "n1" }]);
  });
});
