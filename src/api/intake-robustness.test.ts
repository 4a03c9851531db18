import { afterAll, beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import { encodeCursor } from "../store/customers.ts";
import type { Org } from "../store/orgs.ts";
import { buildApp } from "./app.ts";

const now = () => new Date("2026-03-10T12:00:00Z");
const config = parseConfig({});
const NUL = "\u0000";

const ev = (id: string, customer: string, type: string, properties: object = {}) => ({
  id,
  customer_id: customer,
  type,
  timestamp: "2026-03-01T09:00:00Z",
  properties,
});

/** `{"a": {"a": ... {}}}` nested `depth` levels, as JSON text (built flat: no recursion here). */
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}{}${"}".repeat(depth)}`;

/** An event whose properties are the given JSON text. */
const evText = (id: string, properties: string): string =>
  `{"id":"${id}","customer_id":"rb-1","type":"session_start","timestamp":"2026-03-01T09:00:00Z","properties":${properties}}`;

/**
 * One bad value never costs a 500: a bad event lands in `rejected` and the valid events of its
 * batch are kept; a NUL in any value the API accepts, or a cursor of the wrong shape, is a 400
 * in the error body. Both stores answer the same (PostgreSQL refuses NUL in text, 22021).
 */
describeStores("intake and query robustness", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let org: Org;
  let admin: string;
  const auth = () => ({ authorization: `Bearer ${admin}` });
  const post = (payload: unknown) =>
    app.inject({
      method: "POST",
      url: "/v1/events",
      headers: { ...auth(), "content-type": "application/json" },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
  const get = (url: string) => app.inject({ method: "GET", url, headers: auth() });

  beforeAll(async () => {
    org = await s.freshOrg();
    admin = (await createApiKey(s.db(), org.id, { role: "admin", name: "admin", now: now() })).key;
    app = await buildApp({ db: s.db(), config, now });
  });
  afterAll(async () => {
    await app?.close();
    // The refresh this org queued would only crowd other suites' cross-org job claims.
    if (org) await s.db().kysely.deleteFrom("jobs").where("org_id", "=", org.id).execute();
  });

  const expect400 = (res: { statusCode: number; json(): unknown }) => {
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: string; message: string; details: string[] };
    expect(body).toMatchObject({ error: "invalid_input" });
    expect(typeof body.message).toBe("string");
    expect(Array.isArray(body.details)).toBe(true);
    return body;
  };

  it("rejects properties nested too deep, keeping the valid events of the batch", async () => {
    // 5,000 levels: a 30 KB body that used to overflow the stack (500, the whole batch lost).
    const res = await post(
      `[${[evText("deep-ok", "{}"), evText("deep-bad", nested(5_000)), evText("deep-9", nested(9)), evText("deep-8", nested(8))].join(",")}]`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([
      { index: 1, id: "deep-bad", field: "properties", reason: expect.stringMatching(/deeper than 8/) },
      { index: 2, id: "deep-9", field: "properties", reason: expect.stringMatching(/deeper than 8/) },
    ]);
  });

  it("rejects properties over 8 KiB serialized", async () => {
    const res = await post([
      ev("big-bad", "rb-1", "session_start", { blob: "x".repeat(9_000) }),
      ev("big-ok", "rb-1", "session_start", { blob: "x".repeat(7_000) }),
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      accepted: 1,
      rejected: [{ index: 0, id: "big-bad", field: "properties", reason: expect.stringMatching(/8 KiB/) }],
    });
  });

  it("rejects a NUL in an id or customer id and strips it from text properties, on both stores", async () => {
    const res = await post([
      ev(`nul${NUL}id`, "rb-2", "session_start"),
      ev("nul-customer", `rb${NUL}2`, "session_start"),
      ev("nul-feature", "rb-2", "feature_used", { feature: `rep${NUL}orts`, category: `c${NUL}` }),
      ev("nul-ticket", "rb-2", "ticket_opened", {
        ticket_id: "t-nul",
        subject: `a${NUL}b`,
        body: `x${NUL}y`,
      }),
      ev("nul-ok", "rb-2", "session_start"),
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rejected).toEqual([
      { index: 0, id: `nul${NUL}id`, field: "id", reason: expect.stringMatching(/NUL/) },
      { index: 1, id: "nul-customer", field: "customer_id", reason: expect.stringMatching(/NUL/) },
    ]);
    expect(body.accepted).toBe(3);
    const k = s.db().kysely;
    const usage = await k
      .selectFrom("usage_daily")
      .select("feature")
      .where("org_id", "=", org.id)
      .where("customer_id", "=", "rb-2")
      .execute();
    expect(usage).toEqual([{ feature: "reports" }]);
    const ticket = await k
      .selectFrom("tickets")
      .select(["subject", "body"])
      .where("org_id", "=", org.id)
      .where("id", "=", "t-nul")
      .executeTakeFirst();
    expect(ticket).toEqual({ subject: "ab", body: "xy" });
  });

  it("answers 400 for a NUL in a query value, a path id or a body string", async () => {
    expect400(await get("/v1/customers?q=%00"));
    expect400(await get("/v1/customers?plan_tier=a%00b"));
    expect400(await get("/v1/customers/%00"));
    expect400(await get("/v1/customers/a%00b/outcomes"));
    expect400(
      await app.inject({
        method: "POST",
        url: "/v1/customers/rb-1/outcomes",
        headers: auth(),
        payload: { outcome: "contacted", notes: `call${NUL}ed` },
      }),
    );
    const put = expect400(
      await app.inject({
        method: "PUT",
        url: "/v1/customers/rb-9",
        headers: auth(),
        payload: { name: `Acme${NUL}` },
      }),
    );
    expect(put.details.join(" ")).toMatch(/name/);
  });

  it("answers 400 for a well-formed cursor of the wrong shape", async () => {
    for (const [sort, values] of [
      ["arr", ["not a number", "c1"]],
      ["-risk_score", ["x", "y", "z"]],
      ["customer_id", [42]],
      ["customer_id", [`a${NUL}`]],
      ["arr", [1]],
    ] as const) {
      expect400(await get(`/v1/customers?sort=${sort}&cursor=${encodeCursor([...values])}`));
    }
    // A right-shaped cursor still pages.
    expect((await get(`/v1/customers?sort=arr&cursor=${encodeCursor([0, "a"])}`)).statusCode).toBe(200);
  });
});
