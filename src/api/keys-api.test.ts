import { expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { listAudit } from "../store/audit.ts";
import { buildApp } from "./app.ts";

describeStores("API keys over HTTP", (s) => {
  it("an admin lists, creates (shown once) and revokes keys, audited; last use is recorded a minute apart", async () => {
    const org = await s.freshOrg();
    let t = new Date("2026-01-01T00:00:00Z");
    const now = () => t;
    const admin = await createApiKey(s.db(), org.id, {
      role: "admin",
      name: "ops",
      now: t,
      createdBy: "cli",
    });
    const app = await buildApp({ db: s.db(), config: parseConfig({ api: { rateLimitPerMinute: 0 } }), now });
    try {
      const call = (method: "GET" | "POST" | "DELETE", url: string, key = admin.key, payload?: unknown) =>
        app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${key}` },
          ...(payload ? { payload: payload as object } : {}),
        });

      const created = await call("POST", "/v1/keys", admin.key, {
        name: "ci",
        role: "ingest",
        expires_days: 30,
      });
      expect(created.statusCode).toBe(201);
      const body = created.json();
      expect(body.key).toMatch(/^hf_[A-Za-z0-9_-]{40}$/);
      expect(body).toMatchObject({
        name: "ci",
        role: "ingest",
        prefix: body.key.slice(0, 10),
        created_by: "key:ops",
        created_at: "2026-01-01T00:00:00.000Z",
        last_used_at: null,
        expires_at: "2026-01-31T00:00:00.000Z",
        revoked_at: null,
      });

      t = new Date("2026-01-01T00:00:30Z");
      const list = await call("GET", "/v1/keys");
      expect(list.statusCode).toBe(200);
      expect(JSON.stringify(list.json())).not.toContain(body.key);
      expect(JSON.stringify(list.json())).not.toContain(admin.key);
      const items = list.json().items as { name: string; last_used_at: string | null; created_by: string }[];
      expect(items.map((k) => k.name)).toEqual(["ci", "ops"]);
      // Used at 00:00:00 (the create), not rewritten 30 s later.
      expect(items[1]).toMatchObject({ created_by: "cli", last_used_at: "2026-01-01T00:00:00.000Z" });
      t = new Date("2026-01-01T00:01:05Z");
      const later = (await call("GET", "/v1/keys")).json().items[1];
      expect(later.last_used_at).toBe("2026-01-01T00:01:05.000Z");

      // Non-admin keys are refused.
      expect((await call("GET", "/v1/keys", body.key)).statusCode).toBe(403);
      const viewer = await createApiKey(s.db(), org.id, { role: "viewer", name: "v", now: t });
      expect((await call("POST", "/v1/keys", viewer.key, { name: "x", role: "admin" })).statusCode).toBe(403);
      expect((await call("POST", "/v1/keys", admin.key, { name: "", role: "root" })).statusCode).toBe(400);

      const revoked = await call("DELETE", `/v1/keys/${body.id}`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ id: body.id, revoked_at: "2026-01-01T00:01:05.000Z" });
      expect((await call("GET", "/v1/reports/executive", body.key)).statusCode).toBe(401);
      expect((await call("DELETE", `/v1/keys/${body.id}`)).statusCode).toBe(404);
      expect((await call("GET", "/v1/keys")).json().items.map((k: { name: string }) => k.name)).toEqual([
        "v",
        "ops",
      ]);

      const audit = await listAudit(s.db(), org.id);
      const actions = audit.map((a) => [a.action, a.actor, a.subject]);
      expect(actions).toContainEqual(["api_key.create", "key:ops", `api_key:${body.id}`]);
      expect(actions).toContainEqual(["api_key.revoke", "key:ops", `api_key:${body.id}`]);
      expect(JSON.stringify(audit)).not.toContain(body.key);
    } finally {
      await app.close();
    }
  });

  it("another org's key cannot be revoked", async () => {
    const a = await s.freshOrg();
    const b = await s.freshOrg();
    const now = () => new Date("2026-01-01T00:00:00Z");
    const adminA = await createApiKey(s.db(), a.id, { role: "admin", name: "a", now: now() });
    const keyB = await createApiKey(s.db(), b.id, { role: "viewer", name: "b", now: now() });
    const app = await buildApp({ db: s.db(), config: parseConfig({}), now });
    try {
      const res = await app.inject({
        method: "DELETE",
        url: `/v1/keys/${keyB.id}`,
        headers: { authorization: `Bearer ${adminA.key}` },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
