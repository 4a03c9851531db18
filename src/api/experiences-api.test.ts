import { beforeAll, describe, expect, it } from "vitest";
import { describeStores } from "../../test/support/stores.ts";
import { testContext } from "../../test/support/test-context.ts";
import { parseConfig } from "../core/config.ts";
import { signIdentity } from "../core/experiences/identity.ts";
import { TACTICS } from "../core/plays/catalog/index.ts";
import { PLAYS_DEFAULTS } from "../core/plays/config.ts";
import { startFlow, transition } from "../core/plays/flow.ts";
import { propose } from "../core/plays/offers-ledger.ts";
import { createApiKey } from "../store/api-keys.ts";
import { upsertCustomer } from "../store/customer-write.ts";
import type { Db } from "../store/open-store.ts";
import { saveOffers } from "../store/plays/offers.ts";
import { insertOutbox } from "../store/plays/outbox.ts";
import { saveRuns } from "../store/plays/runs.ts";
import { q as plays } from "../store/plays/tables.ts";
import { insertScoreChanges } from "../store/score-changes.ts";
import { offerToRow } from "../usecases/play-context.ts";
import { runRow } from "../usecases/play-writes.ts";
import { runPlaysTick } from "../usecases/run-plays-tick.ts";
import { buildApp } from "./app.ts";

const T = new Date("2026-06-01T15:00:00Z");
/** The service's clock; a test moves it to answer after the first tick. */
let clock = T;
const now = () => clock;
const expIn = (seconds: number) => Math.floor(clock.getTime() / 1000) + seconds;

/** One sent in-app step as a tick writes it: the run, the ledger's proposal, the pending outbox row. */
async function sendStep(db: Db, orgId: number, customerId: string, slug: string) {
  const t = TACTICS.get(slug)!;
  const f = startFlow(t, { orgId: String(orgId), customerId, runId: `${slug}@test`, key: "test" }, T);
  const r = transition(t, f, { type: "tick" }, T);
  const send = r.effects.find((e) => e.type === "send")!;
  if (send.type !== "send") throw new Error("no send");
  let offerId: string | null = null;
  if (send.offer && t.offer) {
    const p = propose(
      [],
      {
        id: `${f.runId}:${send.stepId}`,
        customerId,
        tactic: slug,
        surface: "in_app",
        kind: t.offer.kind,
        percent: t.offer.percent?.default,
        months: t.offer.months?.default,
      },
      PLAYS_DEFAULTS.offers,
      T,
    );
    if (!p.ok) throw new Error(p.message);
    await saveOffers(db, orgId, [offerToRow(p.value)]);
    offerId = p.value.id;
  }
  await saveRuns(db, orgId, [runRow(r.state, T.toISOString())]);
  await insertOutbox(db, orgId, [
    {
      idempotency_key: send.idempotencyKey,
      customer_id: customerId,
      tactic: slug,
      run_id: f.runId,
      step_id: send.stepId,
      channel: "in_app",
      payload: JSON.stringify({ action: send.action, offer_id: offerId, approval: false, at: send.at }),
      status: "pending",
      created_at: T.toISOString(),
    },
  ]);
  return { offerId, key: send.idempotencyKey };
}

describeStores("experiences API", (s) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: string;
  let viewer: string;
  let pk: string;
  let secret: string;
  let otherPk: string;
  let otherSecret: string;
  let offerId: string;
  let orgId: number;
  const token = (customer: string, e = expIn(600), sec = secret) => signIdentity(sec, customer, e);
  const get = (moment: string, tok: string, key = pk, extra: Record<string, string> = {}) =>
    app.inject({
      method: "GET",
      url: `/v1/experiences?moment=${moment}`,
      headers: { "holdfast-publishable-key": key, "holdfast-identity": tok, ...extra },
      remoteAddress: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    });
  const respond = (id: string, body: object, tok: string) =>
    app.inject({
      method: "POST",
      url: `/v1/experiences/${id}/responses`,
      headers: { "holdfast-publishable-key": pk, "holdfast-identity": tok },
      payload: body,
    });
  const bearer = (method: "GET" | "POST", url: string, key: string) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    clock = T;
    const db = s.db();
    const org = await s.freshOrg();
    orgId = org.id;
    await upsertCustomer(db, org.id, "trial", { arr: 1_200 });
    await upsertCustomer(db, org.id, "crit", { arr: 6_000, owner: "bo" });
    await db.kysely.updateTable("customers").set({ status: "active" }).where("org_id", "=", org.id).execute();
    // A real tick: the high-tier intervention sends its in-app check-in.
    await insertScoreChanges(
      db,
      org.id,
      [
        {
          customerId: "crit",
          kind: "churn_risk",
          oldScore: 40,
          newScore: 90,
          oldLevel: "medium",
          newLevel: "high",
          crossed: null,
        },
      ],
      { cause: "test", configVersion: 0, at: T.toISOString() },
    );
    await runPlaysTick(
      testContext(db, () => T),
      org.id,
      { asOf: T },
    );
    offerId = (await sendStep(db, org.id, "trial", "trial-conversion")).offerId!;
    await sendStep(db, org.id, "trial", "activation-rescue");
    admin = (await createApiKey(db, org.id, { role: "admin", name: "admin", now: T })).key;
    viewer = (await createApiKey(db, org.id, { role: "viewer", name: "viewer", now: T })).key;
    const other = await s.freshOrg();
    const otherAdmin = (await createApiKey(db, other.id, { role: "admin", name: "o", now: T })).key;
    app = await buildApp({
      db,
      config: parseConfig({ experiences: { allowedOrigins: ["https://app.example.com"] } }),
      now,
      webDir: "/nonexistent",
    });
    const k = (await bearer("GET", "/v1/experience-keys", admin)).json();
    pk = k.publishable_key;
    secret = k.identity_secret;
    const o = (await bearer("GET", "/v1/experience-keys", otherAdmin)).json();
    otherPk = o.publishable_key;
    otherSecret = o.identity_secret;
  });

  it("shows the publishable key to admins, the identity secret only once, and rotates it", async () => {
    expect(pk).toMatch(/^pk_/);
    expect(secret).toMatch(/^ids_/);
    const again = (await bearer("GET", "/v1/experience-keys", admin)).json();
    expect(again).toMatchObject({ publishable_key: pk, identity_secret: null, created: false });
    expect((await bearer("GET", "/v1/experience-keys", viewer)).statusCode).toBe(403);
  });

  it("answers a valid token with the customer's pending in-app experiences, offer terms from the ledger", async () => {
    const res = await get("session_start", token("trial"));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.customer_id).toBe("trial");
    expect(body.items.map((e: { action: string }) => e.action)).toEqual([
      "trial_conversion.offer",
      "activation.walkthrough",
    ]);
    expect(body.items[0]).toMatchObject({
      kind: "modal_offer",
      offer: { id: offerId, kind: "percent_forever", percent: 10 },
      body: "Subscribe now: 10% off for as long as you stay subscribed.",
    });
    // The real tick's check-in for the critical customer.
    const crit = (await get("session_start", token("crit"))).json();
    expect(crit.items.map((e: { action: string }) => e.action)).toContain("intervention.check_in");
    // Another moment: nothing fits.
    expect((await get("cancel_click", token("trial"))).json().items).toEqual([]);
    expect((await get("nowhere", token("trial"))).statusCode).toBe(400);
  });

  it("refuses tampered, expired, foreign and missing credentials with 401 and the reason", async () => {
    const good = token("trial");
    const [, e, mac] = good.split(".");
    const tampered = `${Buffer.from("crit").toString("base64url")}.${e}.${mac}`;
    const cases: [string, Awaited<ReturnType<typeof get>>, RegExp][] = [
      ["tampered", await get("session_start", tampered), /signature/],
      ["expired", await get("session_start", token("trial", expIn(-7200))), /expired/],
      [
        "other org's secret",
        await get("session_start", token("trial", expIn(600), otherSecret)),
        /signature/,
      ],
      [
        "unknown key",
        await get("session_start", good, "pk_unknownunknownunknown"),
        /Unknown publishable key/,
      ],
      ["no identity", await get("session_start", ""), /Missing identity/],
    ];
    for (const [what, res, reason] of cases) {
      expect(res.statusCode, what).toBe(401);
      expect(res.json().message, what).toMatch(reason);
    }
    // The other org's key and token name the other org: none of this org's experiences.
    const foreign = await get("session_start", token("trial", expIn(600), otherSecret), otherPk);
    expect(foreign.statusCode).toBe(200);
    expect(foreign.json().items).toEqual([]);
  });

  it("never lets a publishable key or identity token call another route", async () => {
    const headers = { "holdfast-publishable-key": pk, "holdfast-identity": token("trial") };
    for (const url of ["/v1/customers", "/v1/customers/trial/offers", "/v1/experience-keys", "/v1/tactics"]) {
      expect((await app.inject({ method: "GET", url, headers })).statusCode, url).toBe(401);
      expect(
        (await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${pk}` } })).statusCode,
        url,
      ).toBe(401);
    }
    expect(
      (await app.inject({ method: "POST", url: "/v1/experience-keys/rotate", headers })).statusCode,
    ).toBe(401);
  });

  it("allows CORS from configured origins only", async () => {
    const pre = await app.inject({
      method: "OPTIONS",
      url: "/v1/experiences",
      headers: { origin: "https://app.example.com", "access-control-request-method": "GET" },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers["access-control-allow-headers"]).toMatch(/Holdfast-Identity/);
    const ok = await get("session_start", token("trial"), pk, { origin: "https://app.example.com" });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers["access-control-allow-origin"]).toBe("https://app.example.com");
    const bad = await get("session_start", token("trial"), pk, { origin: "https://evil.example" });
    expect(bad.statusCode).toBe(403);
    expect(bad.json().message).toMatch(/allowedOrigins/);
    const customers = await app.inject({
      method: "GET",
      url: "/v1/customers",
      headers: { authorization: `Bearer ${admin}`, origin: "https://app.example.com" },
    });
    expect(customers.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("limits requests per end user (api.rateLimitPerMinute)", async () => {
    const small = await buildApp({
      db: s.db(),
      config: parseConfig({ api: { rateLimitPerMinute: 2 } }),
      now,
      webDir: "/nonexistent",
    });
    const headers = { "holdfast-publishable-key": pk, "holdfast-identity": token("trial") };
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await small.inject({ method: "GET", url: "/v1/experiences?moment=session_start", headers }))
          .statusCode,
      );
    expect(codes).toEqual([200, 200, 429]);
    // Another end user has their own allowance.
    const other = { ...headers, "holdfast-identity": token("crit") };
    expect(
      (await small.inject({ method: "GET", url: "/v1/experiences?moment=session_start", headers: other }))
        .statusCode,
    ).toBe(200);
    await small.close();
  });

  describe("responses", () => {
    it("records an impression (delivered: not shown again) idempotently on the response id", async () => {
      const tok = token("trial");
      const items = (await get("session_start", tok)).json().items as { id: string; action: string }[];
      const walk = items.find((e) => e.action === "activation.walkthrough")!;
      const first = await respond(walk.id, { response_id: "resp-walk-1", type: "impression" }, tok);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ event: "offer_seen", duplicate: false });
      const again = await respond(walk.id, { response_id: "resp-walk-1", type: "impression" }, tok);
      expect(again.json()).toMatchObject({ event: "offer_seen", duplicate: true });
      const events = await s
        .db()
        .kysely.selectFrom("events")
        .selectAll()
        .where("org_id", "=", orgId)
        .where("id", "=", "experience:resp-walk-1")
        .execute();
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0]!.properties)).toMatchObject({
        offer_id: "activation-rescue@test:walkthrough_1",
      });
      const after = (await get("session_start", tok)).json().items as { action: string }[];
      expect(after.map((e) => e.action)).toEqual(["trial_conversion.offer"]);
      // The same response id for another experience is a conflict, not a silent replay.
      const offer = after[0] as unknown as { id: string };
      const clash = await respond(offer.id, { response_id: "resp-walk-1", type: "impression" }, tok);
      expect(clash.statusCode).toBe(409);
      // Another customer's token cannot answer this customer's experience.
      expect(
        (await respond(walk.id, { response_id: "resp-x-1", type: "dismiss" }, token("crit"))).statusCode,
      ).toBe(404);
      expect((await respond(walk.id, { response_id: "x", type: "wave" }, tok)).statusCode).toBe(400);
    });

    it("accept moves the offers ledger at once, with the event and the audit row", async () => {
      const tok = token("trial");
      const offer = (await get("session_start", tok)).json().items[0] as { id: string };
      const res = await respond(offer.id, { response_id: "resp-offer-1", type: "accept" }, tok);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        event: "offer_accepted",
        offer: { id: offerId, status: "accepted", decided_at: T.toISOString() },
      });
      const ledger = (await bearer("GET", "/v1/customers/trial/offers", admin)).json().items as {
        id: string;
        status: string;
      }[];
      expect(ledger.find((o) => o.id === offerId)?.status).toBe("accepted");
      const db = s.db();
      const ev = await db.kysely
        .selectFrom("events")
        .selectAll()
        .where("org_id", "=", orgId)
        .where("id", "=", "experience:resp-offer-1")
        .execute();
      expect(ev.map((e) => e.type)).toEqual(["offer_accepted"]);
      expect(JSON.parse(ev[0]!.properties).offer_id).toBe(offerId);
      const audit = await db.kysely
        .selectFrom("audit_log")
        .select(["action", "actor"])
        .where("org_id", "=", orgId)
        .where("action", "=", "experiences.accept")
        .where("subject", "like", "%trial-conversion%")
        .execute();
      expect(audit.length).toBeGreaterThanOrEqual(1);
      // A retry answers the same; a second acceptance under a new id is refused by the ledger.
      expect(
        (await respond(offer.id, { response_id: "resp-offer-1", type: "accept" }, tok)).json().duplicate,
      ).toBe(true);
      const twice = await respond(offer.id, { response_id: "resp-offer-2", type: "accept" }, tok);
      expect(twice.statusCode).toBe(409);
      expect(twice.json().message).toMatch(/not_open/);
      expect((await get("session_start", tok)).json().items).toEqual([]);
    });

    it("the next plays tick routes an answer to its run (the check-in's call to action converts it)", async () => {
      clock = new Date(T.getTime() + 3_600_000);
      const tok = token("crit");
      const checkIn = (
        (await get("session_start", tok)).json().items as { id: string; action: string }[]
      ).find((e) => e.action === "intervention.check_in")!;
      const res = await respond(checkIn.id, { response_id: "resp-crit-cta", type: "cta" }, tok);
      expect(res.json()).toMatchObject({ event: "offer_accepted", offer: null });
      const later = new Date(T.getTime() + 7_200_000);
      await runPlaysTick(
        testContext(s.db(), () => later),
        orgId,
        { asOf: later },
      );
      const run = await plays(s.db())
        .selectFrom("play_runs")
        .select(["status", "exit_cause"])
        .where("org_id", "=", orgId)
        .where("customer_id", "=", "crit")
        .where("tactic", "=", "churn-risk-high-intervention")
        .executeTakeFirstOrThrow();
      expect(run).toEqual({ status: "exited", exit_cause: "converted" });
      // The accepted trial offer stays accepted through the tick.
      const ledger = (await bearer("GET", "/v1/customers/trial/offers", admin)).json().items as {
        id: string;
        status: string;
      }[];
      expect(ledger.find((o) => o.id === offerId)?.status).toBe("accepted");
    });

    it("a rotated secret makes old tokens fail", async () => {
      const old = token("crit");
      const rotated = (await bearer("POST", "/v1/experience-keys/rotate", admin)).json();
      expect(rotated.identity_secret).toMatch(/^ids_/);
      expect(rotated.identity_secret).not.toBe(secret);
      expect((await get("session_start", old)).statusCode).toBe(401);
      expect(
        (await get("session_start", token("crit", expIn(600), rotated.identity_secret))).statusCode,
      ).toBe(200);
      secret = rotated.identity_secret;
    });
  });
});
