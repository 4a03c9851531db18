import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { buildApp } from "./app.ts";

const now = () => new Date("2026-01-01T00:00:00Z");

describeStores("rate limit per API key", (s) => {
  it("answers 429 rate_limited with Retry-After past the limit, for that key only", async () => {
    const org = await s.freshOrg();
    const a = await createApiKey(s.db(), org.id, { role: "viewer", name: "a", now: now() });
    const b = await createApiKey(s.db(), org.id, { role: "viewer", name: "b", now: now() });
    const config = parseConfig({ api: { rateLimitPerMinute: 3 } });
    const app = await buildApp({ db: s.db(), config, now });
    try {
      const get = (key: string) =>
        app.inject({ method: "GET", url: "/v1/customers", headers: { authorization: `Bearer ${key}` } });
      for (let i = 0; i < 3; i++) expect((await get(a.key)).statusCode).toBe(200);
      const over = await get(a.key);
      expect(over.statusCode).toBe(429);
      expect(over.json()).toMatchObject({ error: "rate_limited" });
      expect(over.json().message).toContain("at most 3 requests a minute per API key");
      expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
      expect((await get(b.key)).statusCode).toBe(200);
      // A request without a valid key is refused by authentication, not counted against anyone.
      const anon = await app.inject({ method: "GET", url: "/v1/customers" });
      expect(anon.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it("0 turns the limit off", async () => {
    const org = await s.freshOrg();
    const { key } = await createApiKey(s.db(), org.id, { role: "viewer", name: "a", now: now() });
    const app = await buildApp({ db: s.db(), config: parseConfig({ api: { rateLimitPerMinute: 0 } }), now });
    try {
      for (let i = 0; i < 5; i++) {
        const res = await app.inject({
          method: "GET",
          url: "/v1/customers",
          headers: { authorization: `Bearer ${key}` },
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers["x-ratelimit-limit"]).toBeUndefined();
      }
    } finally {
      await app.close();
    }
  });
});
