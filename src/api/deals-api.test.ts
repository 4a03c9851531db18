import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { insertDeal } from "../store/plays/deals.ts";
import { buildApp } from "./app.ts";

const T = new Date("2026-06-01T15:00:00Z");

describeStores("deal pipeline moves", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  const keys: Record<string, string> = {};
  let otherAdmin = "";
  let dealId = 0;
  const call = (method: "GET" | "PATCH", url: string, key: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });

  beforeAll(async () => {
    const org = await s.freshOrg();
    const db = s.db();
    await insertDeal(db, org.id, {
      idempotency_key: "deal:1",
      customer_id: "c1",
      tactic: "upsell-limit-proximity",
      stage: "identified",
      estimated_amount: 4_800,
      owner: "ana",
      reason: "seats at 90% of the plan's limit",
      created_at: T.toISOString(),
      updated_at: T.toISOString(),
    });
    for (const role of ["viewer", "manager"] as const)
      keys[role] = (await createApiKey(db, org.id, { role, name: role, now: T })).key;
    const other = await s.freshOrg();
    otherAdmin = (await createApiKey(db, other.id, { role: "admin", name: "other", now: T })).key;
    app = await buildApp({ db, config: parseConfig({}), now: () => T, webDir: "/nonexistent" });
    dealId = (await call("GET", "/v1/deals", keys.viewer!)).json().items[0].id;
  });

  it("a manager moves a deal through the stages; won is final; every move is audited", async () => {
    const r = await call("PATCH", `/v1/deals/${dealId}`, keys.manager!, {
      stage: "qualified",
      note: "call booked",
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: dealId, stage: "qualified", estimated_amount: 4_800 });
    const amount = await call("PATCH", `/v1/deals/${dealId}`, keys.manager!, {
      estimated_amount: 6_000,
      owner: "bo",
    });
    expect(amount.json()).toMatchObject({ stage: "qualified", estimated_amount: 6_000, owner: "bo" });
    expect((await call("PATCH", `/v1/deals/${dealId}`, keys.manager!, { stage: "won" })).json().stage).toBe(
      "won",
    );
    const again = await call("PATCH", `/v1/deals/${dealId}`, keys.manager!, { stage: "proposal" });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("already won");
    const audit = await s
      .db()
      .kysely.selectFrom("audit_log")
      .select(["action", "detail"])
      .where("action", "=", "plays.deal.update")
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it("refuses a bad stage, an empty change, a viewer, another org, and an unknown deal", async () => {
    const bad = await call("PATCH", `/v1/deals/${dealId}`, keys.manager!, { stage: "closed" });
    expect(bad.statusCode).toBe(400);
    expect((await call("PATCH", `/v1/deals/${dealId}`, keys.manager!, {})).statusCode).toBe(400);
    expect((await call("PATCH", `/v1/deals/${dealId}`, keys.viewer!, { stage: "lost" })).statusCode).toBe(
      403,
    );
    expect((await call("PATCH", `/v1/deals/${dealId}`, otherAdmin, { stage: "lost" })).statusCode).toBe(404);
    expect((await call("PATCH", "/v1/deals/999999", keys.manager!, { stage: "lost" })).statusCode).toBe(404);
  });
});
