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

describeStores("failed authentications per client address", (s) => {
  it("behind a trusted proxy, failures count per forwarded client, not per proxy", async () => {
    const org = await s.freshOrg();
    const good = await createApiKey(s.db(), org.id, { role: "viewer", name: "good", now: new Date() });
    const app = await buildApp({
      db: s.db(),
      config: parseConfig({}),
      now: () => new Date(),
      trustProxy: "127.0.0.1",
    });
    try {
      const get = (key: string, client: string) =>
        app.inject({
          method: "GET",
          url: "/v1/customers",
          remoteAddress: "127.0.0.1",
          headers: { authorization: `Bearer ${key}`, "x-forwarded-for": client },
        });
      for (let i = 0; i < 20; i++) expect((await get("hf_wrong", "192.0.2.1")).statusCode).toBe(401);
      expect((await get("hf_wrong", "192.0.2.1")).statusCode).toBe(429);
      // Another client behind the same proxy is not blocked with it.
      expect((await get(good.key, "192.0.2.2")).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("past 20 failures a minute answers 429 with Retry-After, backing off while failures go on", async () => {
    const org = await s.freshOrg();
    let t = new Date("2026-01-01T00:00:00Z").getTime();
    const clock = () => new Date(t);
    const good = await createApiKey(s.db(), org.id, { role: "viewer", name: "good", now: clock() });
    const app = await buildApp({ db: s.db(), config: parseConfig({}), now: clock });
    try {
      const get = (key: string | null, remoteAddress = "203.0.113.7") =>
        app.inject({
          method: "GET",
          url: "/v1/customers",
          remoteAddress,
          headers: key ? { authorization: `Bearer ${key}` } : {},
        });
      for (let i = 0; i < 20; i++) expect((await get(i % 2 ? "hf_wrong" : null)).statusCode).toBe(401);
      const over = await get("hf_wrong");
      expect(over.statusCode).toBe(429);
      expect(over.json()).toMatchObject({ error: "rate_limited" });
      expect(over.json().message).toContain("Too many failed authentications from this address");
      expect(over.headers["retry-after"]).toBe("60");
      // The address is refused whatever it sends until the wait is over; others are not.
      expect((await get(good.key)).statusCode).toBe(429);
      expect((await get("hf_wrong", "198.51.100.1")).statusCode).toBe(401);
      expect((await get(good.key, "198.51.100.1")).statusCode).toBe(200);

      t += 30_000;
      expect((await get(good.key)).headers["retry-after"]).toBe("30");
      t += 31_000;
      expect((await get(good.key)).statusCode).toBe(200);
      // Failing on: the next block lasts twice as long.
      for (let i = 0; i < 20; i++) expect((await get("hf_wrong")).statusCode).toBe(401);
      const again = await get("hf_wrong");
      expect(again.statusCode).toBe(429);
      expect(again.headers["retry-after"]).toBe("120");
    } finally {
      await app.close();
    }
  });
});
