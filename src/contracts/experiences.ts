import { z } from "zod";
import { EXPERIENCE_KINDS, MOMENTS } from "../core/experiences/catalog.ts";
import { OFFER_KINDS } from "../core/plays/types.ts";

/** In-app experiences (docs/in-app.md): the snippet's two routes and the org's keys. */

export const ExperiencesQuery = z.object({
  moment: z.enum(MOMENTS).describe("where the end user is in the product"),
});

export const ExperienceOffer = z.object({
  id: z.string(),
  kind: z.enum(OFFER_KINDS),
  percent: z.number().nullable(),
  cycles: z.number().nullable(),
  months: z.number().nullable(),
  days: z.number().nullable(),
  terms: z.string().describe("the offer's terms in words, from the offers ledger"),
  expires_at: z.string(),
});

export const ExperienceView = z.object({
  id: z.string().describe("answer to it at POST /v1/experiences/{id}/responses"),
  kind: z.enum(EXPERIENCE_KINDS),
  tactic: z.string(),
  action: z.string(),
  priority: z.number().int().describe("collision class priority: 1 (payment recovery) shows first"),
  title: z.string(),
  body: z.string(),
  cta: z.string(),
  dismiss: z.string(),
  items: z.array(z.string()).describe("walkthrough steps or checklist items"),
  offer: ExperienceOffer.nullable(),
});
export type ExperienceView = z.infer<typeof ExperienceView>;

export const ExperienceList = z.object({
  customer_id: z.string(),
  moment: z.enum(MOMENTS),
  items: z.array(ExperienceView).describe("highest priority first; at most one modal or wall"),
});
export type ExperienceList = z.infer<typeof ExperienceList>;

export const ExperienceIdParams = z.object({
  id: z.string().regex(/^\d{1,15}$/, "expected an experience id"),
});

export const ExperienceResponseBody = z.strictObject({
  response_id: z
    .string()
    .min(8)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits and _ . : - only")
    .describe("a fresh id per answer, chosen by the client: a retry with the same id is recorded once"),
  type: z.enum(["impression", "dismiss", "accept", "cta"]),
  moment: z.enum(MOMENTS).optional(),
  reason: z.string().max(500).optional().describe("the end user's own words (e.g. a cancel reason)"),
});
export type ExperienceResponseBody = z.infer<typeof ExperienceResponseBody>;

export const ExperienceResponseAnswer = z.object({
  experience_id: z.string(),
  response_id: z.string(),
  type: z.enum(["impression", "dismiss", "accept", "cta"]),
  event: z.string().describe("the event recorded: offer_seen, offer_dismissed or offer_accepted"),
  offer: z.object({ id: z.string(), status: z.string(), decided_at: z.string().nullable() }).nullable(),
  duplicate: z.boolean().describe("true when this response id was already recorded (nothing written)"),
});
export type ExperienceResponseAnswer = z.infer<typeof ExperienceResponseAnswer>;

/** GET /v1/experience-keys and POST /v1/experience-keys/rotate (admin). */
export const ExperienceKeysView = z.object({
  publishable_key: z.string().describe("pk_...: safe in a browser, good only on /v1/experiences"),
  identity_secret: z
    .string()
    .nullable()
    .describe("shown only when created or rotated; null (redacted) otherwise"),
  secret_rotated_at: z.string(),
  created_at: z.string(),
  created: z.boolean(),
  rotated: z.boolean(),
});
export type ExperienceKeysView = z.infer<typeof ExperienceKeysView>;

/** The demo host page's backend (/demo-app/). */
export const DemoAppInfo = z.object({
  org: z.string(),
  publishable_key: z.string(),
  moments: z.array(z.enum(MOMENTS)),
  customers: z.array(z.object({ id: z.string(), pending: z.number().int(), offer: z.boolean() })),
});
export const DemoIdentityBody = z.strictObject({ customerId: z.string().min(1).max(200) });
export const DemoIdentity = z.object({ customer_id: z.string(), token: z.string(), expires_at: z.string() });
