import { z } from "zod";

/** Message templates (email and SMS) per tactic action: docs/delivery.md. */

const field = (max: number) => z.string().max(max);

export const TemplateView = z.object({
  action: z.string(),
  channel: z.enum(["email", "sms"]),
  version: z.number().int().describe("0: the shipped default; else the org's saved version"),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  author: z.string().nullable(),
  reason: z.string().nullable(),
  updated_at: z.string().nullable(),
});
export type TemplateView = z.infer<typeof TemplateView>;

export const TemplateList = z.object({
  templates: z.array(TemplateView),
  variables: z
    .record(z.string(), z.string())
    .describe("every variable a template may use, and what it holds"),
});
export type TemplateList = z.infer<typeof TemplateList>;

export const TemplateActionParams = z.object({ action: z.string().min(1).max(200) });

export const TemplateBody = z.strictObject({
  subject: field(1_000),
  html: field(100_000),
  text: field(100_000),
});
export type TemplateBody = z.infer<typeof TemplateBody>;

export const TemplateSave = TemplateBody.extend({
  reason: z.string().min(1).max(500).describe("why, kept with the version"),
});
export type TemplateSave = z.infer<typeof TemplateSave>;

export const TemplatePreviewBody = z.strictObject({
  customerId: z.string().min(1).max(200),
  draft: TemplateBody.optional().describe("an unsaved template to render instead of the one in force"),
});
export type TemplatePreviewBody = z.infer<typeof TemplatePreviewBody>;

export const TemplatePreview = z.object({
  action: z.string(),
  channel: z.enum(["email", "sms"]),
  customer_id: z.string(),
  to: z.string().nullable(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
});
export type TemplatePreview = z.infer<typeof TemplatePreview>;

export const TemplateVersionList = z.object({
  items: z.array(
    z.object({
      action: z.string(),
      version: z.number().int(),
      subject: z.string(),
      html: z.string(),
      text: z.string(),
      author: z.string(),
      reason: z.string(),
      created_at: z.string(),
    }),
  ),
});
