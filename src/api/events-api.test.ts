import { beforeAll, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { parseConfig } from "../core/config.ts";
import { createApiKey } from "../store/api-keys.ts";
import type { Org } from "../store/orgs.ts";
import { buildApp } from "./app.ts";

const now = () => new Date("2026-03-10T12:00:00Z");
const config = parseConfig({});

const ev = (id: string, customer: string, type: string, timestamp: string, properties: object = {}) => ({
  id,
  customer_id: customer,
  type,
  timestamp,
  properties,
});

describeStores("events API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let org: Org;
  let ingest: string;
  let viewer: string;
  let admin: string;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });
  const post = (payload: unknown, key = ingest, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: "/v1/events",
      headers: { ...auth(key), ...headers },
      payload: payload as string,
    });

  beforeAll(async () => {
    org = await s.freshOrg();
    ingest = (await createApiKey(s.db(), org.id, { role: "ingest", name: "ingest", now: now() })).key;
    viewer = (await createApiKey(s.db(), org.id, { role: "viewer", name: "viewer", now: now() })).key;
    admin = (await createApiKey(s.db(), org.id, { role: "admin", name: "admin", now: now() })).key;
    app = await buildApp({ db: s.db(), config, now });
  });

  it("stores a batch once: posting it again counts every event as a duplicate", async () => {
    const batch = [
      ev("e1", "c1", "session_start", "2026-03-01T09:00:00Z"),
      ev("e2", "c1", "feature_used", "2026-03-01T09:05:00Z", {
        feature: "reports",
        category: "analytics",
        count: 3,
        errors: 1,
      }),
      ev("e3", "c1", "api_calls", "2026-03-01T10:00:00Z", { count: 120 }),
    ];
    const first = await post(batch);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const again = await post(batch);
    expect(again.json()).toEqual({ accepted: 0, duplicates: 3, rejected: [] });

    const k = s.db().kysely;
    const cells = await k
      .selectFrom("metrics_daily")
      .select(["metric", "key", "value"])
      .where("org_id", "=", org.id)
      .where("customer_id", "=", "c1")
      .orderBy("metric")
      .orderBy("key")
      .execute();
    expect(cells).toEqual([
      { metric: "api_calls", key: "", value: 120 },
      { metric: "category_uses", key: "analytics", value: 3 },
      { metric: "errors", key: "", value: 1 },
      { metric: "feature_uses", key: "reports", value: 3 },
      { metric: "sessions", key: "", value: 1 },
    ]);
    const usage = await k.selectFrom("usage_daily").selectAll().where("org_id", "=", org.id).execute();
    expect(usage).toMatchObject([
      { day: "2026-03-01", customer_id: "c1", feature: "reports", uses: 3, errors: 1 },
    ]);
    // The customer the events named now exists (no event is dropped for an unknown customer).
    const c = await k
      .selectFrom("customers")
      .select(["id", "account_id"])
      .where("org_id", "=", org.id)
      .execute();
    expect(c).toEqual([{ id: "c1", account_id: "c1" }]);
  });

  it("keeps the valid events of a batch and names each bad one by index, field and reason", async () => {
    const res = await post([
      ev("b1", "c2", "session_start", "2026-03-02T09:00:00Z"),
      ev("b2", "c2", "nps_response", "2026-03-02T09:00:00Z", { score: 11 }),
      { id: "b3", customer_id: "c2", type: "teleport", timestamp: "2026-03-02T09:00:00Z" },
      ev("b4", "c2", "page_view", "not a time", { page: "billing" }),
      ev("b5", "c2", "page_view", "2026-03-02T09:00:00Z", { page: "billing" }),
      ev("b5", "c2", "page_view", "2026-03-02T09:00:00Z", { page: "billing" }),
      ev("b6", "c2", "session_start", "2026-03-20T09:00:00Z"),
    ]);
    const body = res.json();
    expect(body.accepted).toBe(2);
    expect(body.duplicates).toBe(1);
    expect(body.rejected).toEqual([
      { index: 1, id: "b2", field: "properties.score", reason: expect.stringMatching(/10/) },
      { index: 2, id: "b3", field: "type", reason: expect.any(String) },
      { index: 3, id: "b4", field: "timestamp", reason: expect.any(String) },
      { index: 6, id: "b6", field: "timestamp", reason: "is more than 24 hours in the future" },
    ]);
    const stored = await s
      .db()
      .kysely.selectFrom("events")
      .select("id")
      .where("org_id", "=", org.id)
      .where("customer_id", "=", "c2")
      .orderBy("id")
      .execute();
    expect(stored.map((r) => r.id)).toEqual(["b1", "b5"]);
  });

  it("takes NDJSON and reports a line that is not JSON", async () => {
    const text = [
      JSON.stringify(ev("n1", "c3", "session_start", "2026-03-03T09:00:00Z")),
      "{not json",
      "",
      JSON.stringify(ev("n2", "c3", "api_calls", "2026-03-03T09:00:00Z", { count: 5 })),
    ].join("\n");
    const res = await post(text, ingest, { "content-type": "application/x-ndjson" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([
      { index: 1, field: "(event)", reason: expect.stringMatching(/^line 2: not valid JSON/) },
    ]);
  });

  it("refuses a batch over the limit with the limit in the message, and writes nothing", async () => {
    const batch = Array.from({ length: 10_001 }, (_, i) =>
      ev(`big${i}`, "c4", "session_start", "2026-03-04T09:00:00Z"),
    );
    const res = await post(batch);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/limit is 10,000/);
    const n = await s
      .db()
      .kysely.selectFrom("events")
      .select("id")
      .where("org_id", "=", org.id)
      .where("customer_id", "=", "c4")
      .execute();
    expect(n).toEqual([]);
  });

  it("lets ingest keys post but not read, and viewers read but not post", async () => {
    expect((await post([], viewer)).statusCode).toBe(403);
    expect(
      (await app.inject({ method: "GET", url: "/v1/customers", headers: auth(ingest) })).statusCode,
    ).toBe(403);
    expect((await post([])).json()).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
  });

  it("turns tickets, NPS, plan changes and cancellations into their records", async () => {
    const put = await app.inject({
      method: "PUT",
      url: "/v1/plans/Starter",
      headers: auth(admin),
      payload: { rank: 1, limits: { api_calls: 1000 } },
    });
    expect(put.statusCode).toBe(200);
    await app.inject({ method: "PUT", url: "/v1/plans/Pro", headers: auth(admin), payload: { rank: 2 } });
    const created = await app.inject({
      method: "PUT",
      url: "/v1/customers/c5",
      headers: auth(ingest),
      payload: {
        name: "Acme",
        plan_tier: "Pro",
        subscription: { id: "s5", plan_tier: "Pro", status: "active", start_date: "2025-01-01", mrr: 500 },
      },
    });
    expect(created.statusCode).toBe(201);
    const res = await post([
      ev("t1", "c5", "ticket_opened", "2026-03-05T09:00:00Z", {
        ticket_id: "T-1",
        subject: "Invoice",
        body: "We will cancel at renewal.",
      }),
      ev("t2", "c5", "nps_response", "2026-03-05T10:00:00Z", { score: 3, respondent: "ann@acme.test" }),
      ev("t3", "c5", "plan_changed", "2026-03-06T10:00:00Z", { from: "Pro", to: "Starter" }),
      ev("t4", "c5", "subscription_canceled", "2026-03-07T10:00:00Z", { reason: "budget" }),
    ]);
    expect(res.json().accepted).toBe(4);
    const k = s.db().kysely;
    expect(
      await k
        .selectFrom("tickets")
        .select(["id", "customer_id", "account_id", "linked_by"])
        .where("org_id", "=", org.id)
        .execute(),
    ).toEqual([{ id: "T-1", customer_id: "c5", account_id: "c5", linked_by: "customer_id" }]);
    expect(
      await k
        .selectFrom("nps_responses")
        .select(["respondent", "score"])
        .where("org_id", "=", org.id)
        .execute(),
    ).toEqual([{ respondent: "ann@acme.test", score: 3 }]);
    const sub = await k
      .selectFrom("subscriptions")
      .select(["plan_tier", "status", "end_date", "downgrade_flag"])
      .where("org_id", "=", org.id)
      .where("id", "=", "s5")
      .executeTakeFirstOrThrow();
    expect(sub).toEqual({
      plan_tier: "Starter",
      status: "canceled",
      end_date: "2026-03-07",
      downgrade_flag: 1,
    });
    const churn = await k
      .selectFrom("churn_events")
      .select(["account_id", "churn_date", "reason_code"])
      .where("org_id", "=", org.id)
      .execute();
    expect(churn).toEqual([{ account_id: "c5", churn_date: "2026-03-07", reason_code: "budget" }]);
    const downgrades = await k
      .selectFrom("metrics_daily")
      .select("value")
      .where("org_id", "=", org.id)
      .where("metric", "=", "downgrades")
      .execute();
    expect(downgrades).toEqual([{ value: 1 }]);
    const queued = await k
      .selectFrom("recompute_requests")
      .select(["customer_id", "reason"])
      .where("org_id", "=", org.id)
      .execute();
    // The cancellation queued c5 as urgent; the customers other batches touched wait as "events".
    expect(queued.find((q) => q.customer_id === "c5")).toEqual({ customer_id: "c5", reason: "lifecycle" });
    expect(queued.filter((q) => q.customer_id !== "c5").every((q) => q.reason === "events")).toBe(true);
  });

  it("queues every customer a batch touched for a refresh, and refreshes none in the request", async () => {
    const res = await post([
      ev("q1", "queue-a", "session_start", "2026-03-09T09:00:00Z"),
      ev("q2", "queue-b", "api_calls", "2026-03-09T10:00:00Z", { count: 5 }),
      ev("q3", "queue-a", "session_start", "2026-03-09T11:00:00Z"),
    ]);
    expect(res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const k = s.db().kysely;
    const queued = await k
      .selectFrom("recompute_requests")
      .select(["customer_id", "reason", "requested_at"])
      .where("org_id", "=", org.id)
      .where("customer_id", "in", ["queue-a", "queue-b"])
      .orderBy("customer_id")
      .execute();
    expect(queued).toEqual([
      { customer_id: "queue-a", reason: "events", requested_at: now().toISOString() },
      { customer_id: "queue-b", reason: "events", requested_at: now().toISOString() },
    ]);
    const scored = await k
      .selectFrom("scores")
      .select("customer_id")
      .where("org_id", "=", org.id)
      .where("customer_id", "in", ["queue-a", "queue-b"])
      .execute();
    expect(scored).toEqual([]);
    // A batch of duplicates touches nobody new.
    await k.deleteFrom("recompute_requests").where("org_id", "=", org.id).execute();
    await post([ev("q1", "queue-a", "session_start", "2026-03-09T09:00:00Z")]);
    expect(
      await k.selectFrom("recompute_requests").select("customer_id").where("org_id", "=", org.id).execute(),
    ).toEqual([]);
  });

  it("a ticket queues every customer of its account (the ticket window is per account); other events only their own", async () => {
    for (const id of ["acct-1", "acct-2", "acct-3"]) {
      const r = await app.inject({
        method: "PUT",
        url: `/v1/customers/${id}`,
        headers: auth(admin),
        payload: { name: id, account_id: id === "acct-3" ? "ACC-OTHER" : "ACC-SHARED" },
      });
      expect(r.statusCode).toBeLessThan(300);
    }
    const queuedIds = async () =>
      (
        await s
          .db()
          .kysely.selectFrom("recompute_requests")
          .select("customer_id")
          .where("org_id", "=", org.id)
          .where("customer_id", "like", "acct-%")
          .execute()
      )
        .map((r) => r.customer_id)
        .sort();
    await s.db().kysely.deleteFrom("recompute_requests").where("org_id", "=", org.id).execute();
    await post([ev("acct-s1", "acct-1", "session_start", "2026-03-09T09:00:00Z")]);
    expect(await queuedIds()).toEqual(["acct-1"]);
    await post([
      ev("acct-t1", "acct-1", "ticket_opened", "2026-03-09T10:00:00Z", {
        subject: "Cancel",
        body: "We will cancel.",
      }),
    ]);
    expect(await queuedIds()).toEqual(["acct-1", "acct-2"]);
  });

  it("sets the billing contact only by its own call, and audits it", async () => {
    await app.inject({
      method: "PUT",
      url: "/v1/customers/c6",
      headers: auth(admin),
      payload: { name: "Beta" },
    });
    const bad = await app.inject({
      method: "PUT",
      url: "/v1/customers/c6",
      headers: auth(admin),
      payload: { billing_email: "x@beta.test" },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await app.inject({
      method: "PUT",
      url: "/v1/customers/c6/billing-contact",
      headers: auth(admin),
      payload: { email: "ap@beta.test" },
    });
    expect(ok.statusCode).toBe(200);
    const c = await s
      .db()
      .kysely.selectFrom("customers")
      .select("billing_email")
      .where("org_id", "=", org.id)
      .where("id", "=", "c6")
      .executeTakeFirstOrThrow();
    expect(c.billing_email).toBe("ap@beta.test");
    const audit = await s
      .db()
      .kysely.selectFrom("audit_log")
      .select(["action", "subject"])
      .where("org_id", "=", org.id)
      .where("action", "=", "customer.billing_contact")
      .execute();
    expect(audit).toEqual([{ action: "customer.billing_contact", subject: "c6" }]);
    const missing = await app.inject({
      method: "PUT",
      url: "/v1/customers/nobody/billing-contact",
      headers: auth(admin),
      payload: { email: "ap@beta.test" },
    });
    expect(missing.statusCode).toBe(404);
  });
});
