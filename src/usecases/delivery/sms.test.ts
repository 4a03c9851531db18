import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeStores, type StoreCase } from "../../../test/support/stores.ts";
import { testContext } from "../../../test/support/test-context.ts";
import { parseConfig } from "../../core/config.ts";
import { upsertCustomer } from "../../store/customer-write.ts";
import type { UseCaseContext } from "../context.ts";
import type { OutboxItem } from "./deliverer.ts";
import { deliverSms } from "./sms.ts";

/** A local server speaking Twilio's Messages endpoint: checks auth and form fields, answers like Twilio. */
const received: { path: string; auth: string; form: Record<string, string> }[] = [];
let answer = 201;
let server: http.Server;
let baseUrl: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        auth: req.headers.authorization ?? "",
        form: Object.fromEntries(new URLSearchParams(body)),
      });
      res.writeHead(answer, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          answer === 201
            ? { sid: `SM${received.length}`, status: "queued" }
            : { code: 21211, message: "The 'To' number is not valid.", status: answer },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const T = new Date("2026-06-01T15:00:00Z");
async function setup(s: StoreCase, consents: { sms?: boolean } = { sms: true }) {
  const org = await s.freshOrg();
  const ctx: UseCaseContext = {
    ...testContext(
      s.db(),
      () => T,
      parseConfig({ delivery: { sms: { baseUrl, accountSid: "AC123", from: "+15550001111" } } }),
    ),
    secrets: { twilioToken: "tok-secret" },
  };
  await upsertCustomer(s.db(), org.id, "c1", { name: "Acme", consents, traits: { phone: "+15552223333" } });
  return { org, ctx };
}
const item = (orgId: number): OutboxItem => ({
  id: 1,
  orgId,
  idempotencyKey: `k-${orgId}`,
  customerId: "c1",
  tactic: "dunning-sms",
  runId: "r",
  stepId: "sms_1",
  channel: "sms",
  payload: { action: "dunning.sms", offer_id: null, approval: false, at: T.toISOString() },
  attempt: 1,
  createdAt: T.toISOString(),
});
const signal = () => new AbortController().signal;

describeStores("SMS deliverer", (s) => {
  it("posts to the Messages endpoint with basic auth, the customer's phone and the opt-out text", async () => {
    const { org, ctx } = await setup(s);
    answer = 201;
    const n = received.length;
    expect(await deliverSms(ctx, item(org.id), signal())).toEqual({
      ok: true,
      code: "201",
      detail: `SM${n + 1}`,
    });
    const r = received[n]!;
    expect(r.path).toBe("/2010-04-01/Accounts/AC123/Messages.json");
    expect(r.auth).toBe(`Basic ${Buffer.from("AC123:tok-secret").toString("base64")}`);
    expect(r.form.To).toBe("+15552223333");
    expect(r.form.From).toBe("+15550001111");
    expect(r.form.Body).toMatch(
      /^.+: your latest payment for Acme did not go through\..* Reply STOP to opt out$/,
    );
  });

  it("5xx and 429 are retryable, other 4xx not; no consent cancels; no token says what to set", async () => {
    const { org, ctx } = await setup(s);
    answer = 503;
    expect(await deliverSms(ctx, item(org.id), signal())).toMatchObject({
      ok: false,
      retryable: true,
      code: "503",
    });
    answer = 400;
    expect(await deliverSms(ctx, item(org.id), signal())).toMatchObject({
      ok: false,
      retryable: false,
      code: "400",
      error: "SMS provider answered 400: The 'To' number is not valid.",
    });
    answer = 201;
    const noConsent = await setup(s, {});
    const n = received.length;
    expect(await deliverSms(noConsent.ctx, item(noConsent.org.id), signal())).toMatchObject({
      ok: false,
      retryable: false,
      code: "cancelled",
    });
    expect(received.length).toBe(n);
    expect(await deliverSms({ ...ctx, secrets: {} }, item(org.id), signal())).toEqual({
      ok: false,
      retryable: false,
      error: "sms is not configured: set the HOLDFAST_TWILIO_TOKEN environment variable",
    });
  });
});
