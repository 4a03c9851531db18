import { it } from "vitest";
import { parseConfig } from "../../src/core/config.ts";
import { createApiKey } from "../../src/store/api-keys.ts";
import { openDb } from "../../src/store/open-store.ts";
import { ensureOrg } from "../../src/store/orgs.ts";
import { buildApp } from "../../src/api/app.ts";
it("dbg", async () => {
  const db = await openDb({ sqlitePath: "/tmp/dbg-agentA.db" });
  const org = await ensureOrg(db, `x${Date.now()}`, new Date());
  const now = () => new Date("2026-03-10T12:00:00Z");
  const key = (await createApiKey(db, org.id, { role: "ingest", name: "ingest", now: now() })).key;
  const app = await buildApp({ db, config: parseConfig({}), now, logger: { level: "error" } } as never);
  const r = await app.inject({ method: "PUT", url: "/v1/customers/c5", headers: { authorization: `Bearer ${key}` },
    payload: { name: "Acme", plan_tier: "Pro", subscription: { id: "s5", plan_tier: "Pro", status: "active", start_date: "2025-01-01", mrr: 500 } } });
  console.log(r.statusCode, r.body);
});
