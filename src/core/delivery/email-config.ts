import { z } from "zod";

/**
 * `delivery.email`: the org's SMTP relay and sender. The password is never part of the config
 * (versions are stored and shown): it comes from the environment, HOLDFAST_SMTP_PASSWORD.
 * An empty host means email is not configured (rows end dead saying so).
 */
export const emailConfigSchema = z.strictObject({
  smtp: z.strictObject({
    host: z.string().max(253),
    port: z.number().int().min(1).max(65_535),
    /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
    secure: z.boolean(),
    /** Empty: no authentication. */
    user: z.string().max(320),
    /** Connections kept open per org (nodemailer pool). */
    maxConnections: z.number().int().min(1).max(50),
  }),
  /** "Name <address>" or an address. */
  from: z.string().max(320),
  replyTo: z.string().max(320),
  /** Base URL of this service as customers reach it, for unsubscribe links (https://holdfast.example.com). */
  publicUrl: z.string().max(2_000),
  /** Mailbox for mailto: unsubscribes (List-Unsubscribe); empty: the from address. */
  unsubscribeMailto: z.string().max(320),
});
export type EmailConfig = z.infer<typeof emailConfigSchema>;

export const EMAIL_DEFAULTS: EmailConfig = {
  smtp: { host: "", port: 587, secure: false, user: "", maxConnections: 5 },
  from: "",
  replyTo: "",
  publicUrl: "http://127.0.0.1:3000",
  unsubscribeMailto: "",
};
