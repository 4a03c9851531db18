import { z } from "zod";
import { TICKET_CATEGORIES } from "../core/tickets/analysis.ts";

/** POST /v1/tickets/:id/correction: what the analysis should have said (at least one field). */
export const TicketCorrectionBody = z
  .strictObject({
    category: z.enum(TICKET_CATEGORIES).optional(),
    churn_intent: z.boolean().optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((b) => b.category !== undefined || b.churn_intent !== undefined, {
    message: "give category or churn_intent (or both)",
    path: ["category"],
  });
export type TicketCorrectionBody = z.infer<typeof TicketCorrectionBody>;

export const TicketCorrectionParams = z.object({
  id: z.string().min(1).max(200).describe("the ticket id"),
});

export const TicketCorrection = z.object({
  ticket_id: z.string(),
  category: z.enum(TICKET_CATEGORIES).nullable(),
  churn_intent: z.boolean().nullable(),
  note: z.string().nullable(),
  was_category: z.string().nullable().describe("what the analyzer had said"),
  was_churn_intent: z.boolean().nullable(),
  corrected_by: z.string(),
  corrected_at: z.string(),
});
export type TicketCorrection = z.infer<typeof TicketCorrection>;
