import { afterAll, beforeAll, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "../../../test/support/smtp-sink.ts";
import { describeStores, type StoreCase } from "../../../test/support/stores.ts";
import { testContext } from "../../../test/support/test-context.ts";
import { parseConfig } from "../../core/config.ts";
import { messageIdFor } from "../../core/delivery/message-id.ts";
import { setBillingContact, upsertCustomer } from "../../store/customer-write.ts";
import { optOutChannel } from "../../store/messaging/recipient.ts";
import { suppressAddress } from "../../store/messaging/suppressions.ts";
import { insertOutbox } from "../../store/plays/outbox.ts";
import { q } from "../../store/plays/tables.ts";
import type { UseCaseContext } from "../context.ts";
import type { OutboxItem } from "./deliverer.ts";
import { dispatchOutbox } from "./dispatch-outbox.ts";
import { closeEmailSenders, deliverEmail } from "./email.ts";

const T = new Date("2026-06-01T15:00:00Z");
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(async () => {
  closeEmailSenders();
  await smtp.close();
});

const emailConfig = (port: number) =>
  parseConfig({
    delivery: {
      email: {
        smtp: { host: "127.0.0.1", port, secure: false, user: "", maxConnections: 2 },
        from: "Holdfast CS <cs@example.com>",
        replyTo: "help@example.com",
        publicUrl: "https://holdfast.example.com",
        unsubscribeMailto: "unsubscribe@example.com",
      },
    },
    outreach: { senderName: "Ana from Example" },
  });

async function setup(s: StoreCase, name = "<script>alert(1)</script> & Sons") {
  const org = await s.freshOrg();
  const ctx: UseCaseContext = testContext(s.db(), () => T, emailConfig(smtp.port));
  await upsertCustomer(s.db(), org.id, "c1", { name, plan_tier: "Pro", arr: 12_000 });
  await setBillingContact(s.db(), org.id, "c1", { email: `billing-${org.id}@acme.test`, name: "Bea" });
  return { org, ctx };
}

const item = (orgId: number, over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: 7,
  orgId,
  idempotencyKey: `play:${orgId}:c1:churn-risk-critical-winback:run@x:email`,
  customerId: "c1",
  tactic: "churn-risk-critical-winback",
  runId: "run@x",
  stepId: "email",
  channel: "email",
  payload: { action: "winback.critical_email", offer_id: null, approval: false, at: T.toISOString() },
  attempt: 1,
  createdAt: T.toISOString(),
  ...over,
});

const signal = () => new AbortController().signal;

describeStores("email deliverer", (s) => {
  it("through the dispatcher: sent, and a row whose customer opted out since is cancelled with the reason", async () => {
    const { org, ctx } = await setup(s, "Dispatched Co");
    await upsertCustomer(s.db(), org.id, "c3", { name: "Gone" });
    await setBillingContact(s.db(), org.id, "c3", { email: "c3@acme.test" });
    await optOutChannel(s.db(), org.id, "c3", "email");
    const row = (customer: string) => ({
      idempotency_key: `d:${org.id}:${customer}`,
      customer_id: customer,
      tactic: "proactive-check-in",
      run_id: `r-${customer}`,
      step_id: "check_in",
      channel: "email",
      payload: JSON.stringify({
        action: "check_in.contextual",
        offer_id: null,
        approval: false,
        at: T.toISOString(),
      }),
      status: "pending",
      created_at: T.toISOString(),
    });
    await insertOutbox(s.db(), org.id, [row("c1"), row("c3")]);
    const before = smtp.raw.length;
    const sum = await dispatchOutbox(ctx, org.id, {});
    expect(sum).toMatchObject({ claimed: 2, sent: 1, dead: 0 });
    expect(smtp.raw.length).toBe(before + 1);
    const rows = await q(s.db())
      .selectFrom("outbox")
      .selectAll()
      .where("org_id", "=", org.id)
      .orderBy("customer_id")
      .execute();
    expect(
      rows.map((r) => [r.customer_id, r.status, (r as { last_error?: string | null }).last_error ?? null]),
    ).toEqual([
      ["c1", "sent", null],
      ["c3", "cancelled", "the customer opted out of email"],
    ]);
  });

  it("sends to a real SMTP server with a stable Message-ID, both unsubscribe headers and escaped HTML", async () => {
    const { org, ctx } = await setup(s);
    const before = smtp.raw.length;
    const r1 = await deliverEmail(ctx, item(org.id), signal());
    expect(r1).toMatchObject({ ok: true, code: "250" });
    // Already accepted (recorded in the send log): a second delivery of the row sends nothing.
    expect(await deliverEmail(ctx, item(org.id, { attempt: 2 }), signal())).toMatchObject({ ok: true });
    expect(smtp.raw.length).toBe(before + 1);
    // A crash between the acceptance and its record: the row is sent again, with the same Message-ID.
    await s
      .db()
      .kysely.deleteFrom("email_sends" as never)
      .where("org_id" as never, "=", org.id as never)
      .execute();
    expect((await deliverEmail(ctx, item(org.id, { attempt: 2 }), signal())).ok).toBe(true);
    expect(smtp.raw.length).toBe(before + 2);
    const [a, b] = [await smtp.parsed(before), await smtp.parsed(before + 1)];
    const want = messageIdFor(item(org.id).idempotencyKey, "holdfast.example.com");
    expect(a.messageId).toBe(want);
    expect(b.messageId).toBe(a.messageId);
    expect(want).toMatch(/^<[0-9a-f]{64}@holdfast\.holdfast\.example\.com>$/);
    const lu = (smtp.raw[before]!.match(/^List-Unsubscribe:(.*(?:\r?\n[ \t].*)*)/m)?.[1] ?? "")
      .replace(/\s+/g, " ")
      .trim();
    expect(lu).toMatch(
      /^<https:\/\/holdfast\.example\.com\/u\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>, <mailto:unsubscribe@example\.com\?subject=unsubscribe>$/,
    );
    expect(smtp.raw[before]).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(a.to && "text" in a.to ? a.to.text : "").toContain(`billing-${org.id}@acme.test`);
    expect(a.subject).toBe("We would like to make this right");
    expect(a.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons");
    expect(a.html).not.toContain("<script>");
    expect(a.text).toContain("<script>alert(1)</script> & Sons"); // the text part is plain text
    expect(a.html).toContain("Ana from Example");
    expect(a.html).toContain("Hello Bea,");
  });

  it("a customer without an address fails for good; a suppressed address or an opt-out cancels", async () => {
    const { org, ctx } = await setup(s, "Plain Co");
    await upsertCustomer(s.db(), org.id, "c2", { name: "No Mail" });
    expect(await deliverEmail(ctx, item(org.id, { customerId: "c2" }), signal())).toEqual({
      ok: false,
      retryable: false,
      error: "customer has no email address",
    });
    await suppressAddress(s.db(), org.id, {
      address: `BILLING-${org.id}@acme.test`,
      reason: "hard_bounce",
      customerId: "c1",
      at: T.toISOString(),
    });
    const r = await deliverEmail(ctx, item(org.id), signal());
    expect(r).toMatchObject({ ok: false, retryable: false, code: "cancelled" });
    expect(!r.ok && r.error).toMatch(/suppressed \(hard_bounce/);
    await optOutChannel(s.db(), org.id, "c2", "email");
    await setBillingContact(s.db(), org.id, "c2", { email: "c2@acme.test" });
    expect(await deliverEmail(ctx, item(org.id, { customerId: "c2" }), signal())).toEqual({
      ok: false,
      retryable: false,
      code: "cancelled",
      error: "the customer opted out of email",
    });
  });

  it("SMTP 4xx is retryable, 5xx is not; no SMTP host says how to configure it", async () => {
    const { org, ctx } = await setup(s, "Refused Co");
    smtp.refuse.set(`billing-${org.id}@acme.test`, 451);
    expect(await deliverEmail(ctx, item(org.id), signal())).toMatchObject({
      ok: false,
      retryable: true,
      code: "451",
    });
    smtp.refuse.set(`billing-${org.id}@acme.test`, 550);
    expect(await deliverEmail(ctx, item(org.id), signal())).toMatchObject({
      ok: false,
      retryable: false,
      code: "550",
    });
    smtp.refuse.delete(`billing-${org.id}@acme.test`);
    const bare = testContext(s.db(), () => T);
    expect(await deliverEmail(bare, item(org.id), signal())).toEqual({
      ok: false,
      retryable: false,
      error: "email is not configured: set delivery.email.smtp.host",
    });
  });
});
