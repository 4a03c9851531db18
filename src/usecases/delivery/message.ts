import { randomBytes } from "node:crypto";
import { readServiceSecrets, type ServiceSecrets } from "../../config/env.ts";
import type { HoldfastConfig } from "../../core/config.ts";
import { DEFAULT_TEMPLATES, type MessageTemplate } from "../../core/delivery/default-templates.ts";
import { renderTemplate, type TemplateData } from "../../core/delivery/template-syntax.ts";
import { signUnsubscribe } from "../../core/delivery/unsubscribe-token.ts";
import { type RecipientFacts, recipientFacts } from "../../store/messaging/recipient.ts";
import { orgSecret } from "../../store/messaging/secrets.ts";
import { currentTemplate } from "../../store/messaging/templates.ts";
import { offersOf } from "../../store/plays/offers.ts";
import type { UseCaseContext } from "../context.ts";
import { headlineKind } from "../headline.ts";

/** Secrets from the context (tests), else the environment. */
export const secretsOf = (ctx: UseCaseContext): ServiceSecrets => ctx.secrets ?? readServiceSecrets();

/**
 * The key of the org's unsubscribe links: HOLDFAST_SECRET when set, else a random key generated
 * on first use and kept in the store (`org_secrets`, name "unsubscribe").
 */
export async function unsubscribeKey(ctx: UseCaseContext, orgId: number): Promise<string> {
  const env = secretsOf(ctx).serverSecret;
  if (env) return env;
  let byOrg = KEYS.get(ctx.db);
  if (!byOrg) {
    byOrg = new Map();
    KEYS.set(ctx.db, byOrg);
  }
  const known = byOrg.get(orgId);
  if (known) return known;
  const key = await orgSecret(
    ctx.db,
    orgId,
    "unsubscribe",
    () => randomBytes(32).toString("hex"),
    ctx.now().toISOString(),
  );
  byOrg.set(orgId, key);
  return key;
}
/** Stored keys never change once written: cached per store. */
const KEYS = new WeakMap<object, Map<number, string>>();

/** The unsubscribe page's address for one customer and channel. */
export async function unsubscribeUrl(
  ctx: UseCaseContext,
  config: HoldfastConfig,
  orgId: number,
  customerId: string,
  channel: "email" | "sms",
): Promise<string> {
  const token = signUnsubscribe(await unsubscribeKey(ctx, orgId), { orgId, customerId, channel });
  return `${config.delivery.email.publicUrl.replace(/\/+$/, "")}/u/${token}`;
}

/** The org's template of an action: its latest saved version, else the shipped default. */
export async function templateOf(
  ctx: UseCaseContext,
  orgId: number,
  action: string,
): Promise<{ template: MessageTemplate; version: number; channel: "email" | "sms" } | null> {
  const shipped = DEFAULT_TEMPLATES.get(action);
  const saved = await currentTemplate(ctx.db, orgId, action);
  if (saved) {
    const channel = shipped?.channel ?? (saved.html === "" ? "sms" : "email");
    return {
      template: { subject: saved.subject, html: saved.html, text: saved.text },
      version: saved.version,
      channel,
    };
  }
  return shipped ? { template: shipped.template, version: 0, channel: shipped.channel } : null;
}

export interface Rendered {
  subject: string;
  html: string;
  text: string;
}

/** The values of a template for one customer (and the step's offer, when it has one). */
export async function templateData(
  ctx: UseCaseContext,
  config: HoldfastConfig,
  orgId: number,
  facts: RecipientFacts,
  offerId: string | null,
  channel: "email" | "sms",
): Promise<TemplateData> {
  const offer = offerId
    ? (await offersOf(ctx.db, orgId, [facts.id])).find((o) => o.id === offerId)
    : undefined;
  const reasons = facts.score?.topReasons.slice(0, 3) ?? [];
  return {
    customer: { name: facts.name, id: facts.id },
    contact: { name: facts.billingName ?? "" },
    plan: { tier: facts.planTier ?? "", seats: facts.seats },
    score: {
      kind: headlineKind(config),
      level: facts.score?.level ?? "",
      value: facts.score?.score ?? null,
    },
    reasons,
    topReason: reasons[0] ?? "",
    offer: offer
      ? {
          percent: offer.percent,
          cycles: offer.cycles,
          months: offer.months,
          expiresOn: offer.expires_at.slice(0, 10),
        }
      : null,
    sender: { name: config.outreach.senderName || `The ${facts.orgName} Customer Success team` },
    org: { name: facts.orgName },
    unsubscribeUrl: await unsubscribeUrl(ctx, config, orgId, facts.id, channel),
  };
}

export function render(t: MessageTemplate, data: TemplateData): Rendered {
  return {
    subject: renderTemplate(t.subject, data, false).replace(/\s+/g, " ").trim(),
    html: t.html === "" ? "" : renderTemplate(t.html, data, true),
    text: renderTemplate(t.text, data, false),
  };
}

export async function factsOf(
  ctx: UseCaseContext,
  config: HoldfastConfig,
  orgId: number,
  customerId: string,
) {
  return recipientFacts(ctx.db, orgId, customerId, headlineKind(config));
}
