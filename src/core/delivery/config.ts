import { z } from "zod";
import { EMAIL_DEFAULTS, emailConfigSchema } from "./email-config.ts";
import { SMS_DEFAULTS, smsConfigSchema } from "./sms-config.ts";

/** Channels with a send rate limit and a retry limit (docs/delivery.md). */
const perChannel = z.strictObject({
  email: z.number().int().nonnegative(),
  sms: z.number().int().nonnegative(),
  slack: z.number().int().nonnegative(),
  webhook: z.number().int().nonnegative(),
});

const httpUrl = z
  .string()
  .max(2000)
  .refine((s) => s === "" || /^https?:\/\/[^\s]+$/i.test(s), "expected an http(s) URL or empty");

/** Outbox delivery: rate limits, retries, webhooks and Slack (email and SMS add their own). */
export const deliveryConfigSchema = z.strictObject({
  /** Sends per minute per org and channel (sliding 60-second window); 0 turns the limit off. */
  rateLimits: perChannel,
  retry: z.strictObject({
    /** Wait after the first failed attempt, in ms (doubles each attempt, with full jitter). */
    baseMs: z.number().int().positive(),
    /** Longest wait between attempts, in ms. */
    maxMs: z.number().int().positive(),
    /** Attempts per channel before a message is dead. */
    maxAttempts: z.strictObject({
      email: z.number().int().min(1).max(50),
      sms: z.number().int().min(1).max(50),
      slack: z.number().int().min(1).max(50),
      webhook: z.number().int().min(1).max(50),
    }),
  }),
  webhooks: z.strictObject({
    /** Time a receiver has to answer, in ms. */
    timeoutMs: z.number().int().min(100).max(120_000),
  }),
  slack: z.strictObject({
    /** Incoming-webhook URL for the org's alerts; empty: no Slack alerts. */
    webhookUrl: httpUrl,
    /** Per CSM owner (as named on the customer): an incoming-webhook URL overriding the org's. */
    ownerWebhookUrls: z.record(z.string().min(1).max(200), httpUrl),
    /** The dashboard's address as CSMs reach it, for links to the brief (http://localhost:3000). */
    dashboardUrl: httpUrl,
    /** Which alerts go to Slack. */
    alerts: z.strictObject({
      csmTasks: z.boolean(),
      approvals: z.boolean(),
      criticalTier: z.boolean(),
    }),
  }),
  email: emailConfigSchema,
  sms: smsConfigSchema,
});
export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;

export const DELIVERY_DEFAULTS: DeliveryConfig = {
  // Slack's incoming webhooks allow about one message a second; receivers of webhooks and SMTP
  // relays take far more. A runaway play is stopped well before a provider bans the account.
  rateLimits: { email: 600, sms: 60, slack: 60, webhook: 6_000 },
  // 30 s, 1 min, 2 min, ... up to an hour: a receiver down for a deploy gets everything, one
  // down for a day gets a dead message an operator can redeliver.
  retry: {
    baseMs: 30_000,
    maxMs: 3_600_000,
    maxAttempts: { email: 6, sms: 4, slack: 5, webhook: 8 },
  },
  webhooks: { timeoutMs: 10_000 },
  slack: {
    webhookUrl: "",
    ownerWebhookUrls: {},
    dashboardUrl: "http://localhost:3000",
    alerts: { csmTasks: true, approvals: true, criticalTier: true },
  },
  email: EMAIL_DEFAULTS,
  sms: SMS_DEFAULTS,
};
