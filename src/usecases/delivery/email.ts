import { createSmtpSender } from "../../adapters/email/smtp.ts";
import type { EmailConfig } from "../../core/delivery/email-config.ts";
import { messageIdFor } from "../../core/delivery/message-id.ts";
import type { EmailSender } from "../../core/delivery/ports.ts";
import { emailSendOf, recordEmailSend } from "../../store/messaging/email-sends.ts";
import { suppressionOf } from "../../store/messaging/suppressions.ts";
import type { UseCaseContext } from "../context.ts";
import { batchOrgConfig, perBatch } from "./batch-cache.ts";
import { type Deliverer, type DeliveryResult, notConfigured } from "./deliverer.ts";
import { factsOf, render, secretsOf, templateData, templateOf } from "./message.ts";

/**
 * Sends one email outbox row over the org's SMTP relay: rendered from the action's template for
 * the customer's billing contact, with a stable Message-ID (from the idempotency key, so a retry
 * or a redelivery is recognisably the same message) and RFC 8058 one-click unsubscribe headers.
 * An opted-out customer or a suppressed address is not sent to (the row is cancelled).
 */
export const deliverEmail: Deliverer = async (ctx, item, signal) => {
  try {
    const { config } = await batchOrgConfig(ctx, item.orgId);
    const ec = config.delivery.email;
    if (!ec.smtp.host) return notConfigured("email", "delivery.email.smtp.host");
    if (!ec.from) return notConfigured("email", "delivery.email.from");
    // Accepted by the SMTP server before a crash, but never recorded as sent: not sent again.
    const before = await emailSendOf(ctx.db, item.orgId, item.id);
    if (before) return { ok: true, code: "250", detail: `accepted at ${before.at} (not sent again)` };
    const facts = await factsOf(ctx, config, item.orgId, item.customerId);
    if (!facts) return fail(`customer ${item.customerId} no longer exists`);
    if (facts.consents.email === false) return cancelled("the customer opted out of email");
    if (!facts.billingEmail) return fail("customer has no email address");
    const suppressed = await suppressionOf(ctx.db, item.orgId, facts.billingEmail);
    if (suppressed)
      return cancelled(`the address is suppressed (${suppressed.reason} at ${suppressed.created_at})`);
    const action = String(item.payload.action ?? "");
    const t = await perBatch(ctx, `template:${item.orgId}:${action}`, () =>
      templateOf(ctx, item.orgId, action),
    );
    if (!t) return fail(`no email template for action ${JSON.stringify(action)}`);
    const offerId = typeof item.payload.offer_id === "string" ? item.payload.offer_id : null;
    const data = await templateData(ctx, config, item.orgId, facts, offerId, "email");
    const msg = render(t.template, data);
    const host = hostOf(ec.publicUrl);
    const mailto = ec.unsubscribeMailto || addressOf(ec.from);
    const { sender, lanes } = senderFor(ctx, item.orgId, ec);
    const messageId = messageIdFor(item.idempotencyKey, host);
    // One lane per SMTP connection: a message is sent and its acceptance recorded before the
    // lane takes the next, so at most `maxConnections` accepted messages are ever unrecorded.
    const release = await lanes.acquire();
    try {
      const r = await sender.send(
        {
          from: ec.from,
          to: facts.billingName
            ? `"${facts.billingName.replaceAll('"', "")}" <${facts.billingEmail}>`
            : facts.billingEmail,
          replyTo: ec.replyTo || undefined,
          subject: msg.subject,
          html: msg.html,
          text: msg.text,
          messageId,
          headers: {
            "List-Unsubscribe": `<${data.unsubscribeUrl}>, <mailto:${mailto}?subject=unsubscribe>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "X-Holdfast-Outbox": String(item.id),
          },
        },
        signal,
      );
      // Recorded at once (the dispatcher records its whole batch later): a crash between the two
      // re-sends at most the messages in flight, never the ones already accepted.
      if (r.ok)
        await recordEmailSend(ctx.db, item.orgId, {
          outboxId: item.id,
          messageId,
          response: r.detail ?? r.code,
          at: ctx.now().toISOString(),
        });
      return r;
    } finally {
      release();
    }
  } catch (e) {
    return { ok: false, retryable: true, error: `email delivery failed: ${(e as Error).message}` };
  }
};

const fail = (error: string): DeliveryResult => ({ ok: false, retryable: false, error });
/** Not sent on purpose: the dispatcher cancels the row with this reason (code "cancelled"). */
const cancelled = (error: string): DeliveryResult => ({
  ok: false,
  retryable: false,
  code: "cancelled",
  error,
});

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || "localhost";
  } catch {
    return "localhost";
  }
}

/** The bare address of "Name <a@b>" or "a@b". */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

/** One pooled transport per store and org, replaced when the org's SMTP settings change. */
interface OrgSender {
  key: string;
  sender: EmailSender;
  lanes: Lanes;
}
const SENDERS = new WeakMap<object, Map<number, OrgSender>>();

/** A counting semaphore: `acquire` resolves with the release once one of `n` lanes is free. */
class Lanes {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(n: number) {
    this.free = n;
  }
  acquire(): Promise<() => void> {
    const release = () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(release);
    }
    return new Promise((resolve) => this.waiting.push(() => resolve(release)));
  }
}
const OPEN = new Set<EmailSender>();

function senderFor(ctx: UseCaseContext, orgId: number, ec: EmailConfig): OrgSender {
  const password = secretsOf(ctx).smtpPassword;
  const key = JSON.stringify([ec.smtp, password ?? ""]);
  let byOrg = SENDERS.get(ctx.db);
  if (!byOrg) {
    byOrg = new Map();
    SENDERS.set(ctx.db, byOrg);
  }
  const known = byOrg.get(orgId);
  if (known?.key === key) return known;
  if (known) {
    known.sender.close();
    OPEN.delete(known.sender);
  }
  const sender = createSmtpSender({ ...ec.smtp, password });
  const entry = { key, sender, lanes: new Lanes(ec.smtp.maxConnections) };
  byOrg.set(orgId, entry);
  OPEN.add(sender);
  return entry;
}

/** Closes every pooled SMTP connection (tests, benchmarks, shutdown). */
export function closeEmailSenders(): void {
  for (const s of OPEN) s.close();
  OPEN.clear();
}
