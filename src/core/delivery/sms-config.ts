import { z } from "zod";

/**
 * `delivery.sms`: a Twilio-compatible Messages API. The auth token is never part of the config:
 * it comes from the environment, HOLDFAST_TWILIO_TOKEN. An empty account sid means SMS is not
 * configured (rows end dead saying so).
 */
export const smsConfigSchema = z.strictObject({
  /** The API's base URL (Twilio: https://api.twilio.com); the adapter posts to /2010-04-01/Accounts/{sid}/Messages.json. */
  baseUrl: z.url({ protocol: /^https?$/ }).max(2_000),
  accountSid: z.string().max(64),
  /** The sending number (E.164) or messaging service sender. */
  from: z.string().max(64),
  /** Appended to every SMS (carriers and law require an opt-out instruction). */
  optOutText: z.string().min(1).max(100),
});
export type SmsConfig = z.infer<typeof smsConfigSchema>;

export const SMS_DEFAULTS: SmsConfig = {
  baseUrl: "https://api.twilio.com",
  accountSid: "",
  from: "",
  optOutText: "Reply STOP to opt out",
};
