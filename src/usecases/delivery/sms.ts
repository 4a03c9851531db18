import { createTwilioSender } from "../../adapters/sms/twilio-rest.ts";
import { batchOrgConfig } from "./batch-cache.ts";
import { type Deliverer, type DeliveryResult, notConfigured } from "./deliverer.ts";
import { factsOf, render, secretsOf, templateData, templateOf } from "./message.ts";

/**
 * Sends one SMS outbox row through the org's Twilio-compatible provider to the customer's phone
 * (traits.phone, E.164), with the opt-out text appended. Consent and quiet hours were checked by
 * the contact policy when the row was written; consent is checked again here (it may have been
 * withdrawn since: the row is cancelled).
 */
export const deliverSms: Deliverer = async (ctx, item, signal) => {
  try {
    const { config } = await batchOrgConfig(ctx, item.orgId);
    const sc = config.delivery.sms;
    if (!sc.accountSid) return notConfigured("sms", "delivery.sms.accountSid");
    if (!sc.from) return notConfigured("sms", "delivery.sms.from");
    const token = secretsOf(ctx).twilioToken;
    if (!token) return notConfigured("sms", "the HOLDFAST_TWILIO_TOKEN environment variable");
    const facts = await factsOf(ctx, config, item.orgId, item.customerId);
    if (!facts) return fail(`customer ${item.customerId} no longer exists`);
    if (facts.consents.sms !== true) return cancelled("the customer has not opted in to SMS (or opted out)");
    if (!facts.phone) return fail("customer has no phone number (traits.phone)");
    const action = String(item.payload.action ?? "");
    const t = await templateOf(ctx, item.orgId, action);
    if (!t) return fail(`no SMS template for action ${JSON.stringify(action)}`);
    const offerId = typeof item.payload.offer_id === "string" ? item.payload.offer_id : null;
    const data = await templateData(ctx, config, item.orgId, facts, offerId, "sms");
    const body = `${render(t.template, data).text.trim()} ${sc.optOutText}`;
    return await createTwilioSender({
      baseUrl: sc.baseUrl,
      accountSid: sc.accountSid,
      authToken: token,
    }).send({ from: sc.from, to: facts.phone, body }, signal);
  } catch (e) {
    return { ok: false, retryable: true, error: `SMS delivery failed: ${(e as Error).message}` };
  }
};

const fail = (error: string): DeliveryResult => ({ ok: false, retryable: false, error });
const cancelled = (error: string): DeliveryResult => ({
  ok: false,
  retryable: false,
  code: "cancelled",
  error,
});
