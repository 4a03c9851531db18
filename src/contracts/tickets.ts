import { z } from "zod";
import { SENTIMENTS, TICKET_CATEGORIES } from "../core/tickets/analysis.ts";

/** POST /v1/tickets/analyze */
export const AnalyzeTextBody = z.object({ text: z.string().min(1).max(50_000) });

/** The analysis JSON of seed 004, plus who answered; `error` instead when the analyzer failed. */
export const AnalyzeTextResult = z.object({
  summary: z.string().optional(),
  category: z.enum(TICKET_CATEGORIES).optional(),
  sentiment: z.enum(SENTIMENTS).optional(),
  churn_intent: z.boolean().optional(),
  recommended_action: z.string().optional(),
  error: z.string().optional().describe('e.g. "timeout_after_60s"'),
  analyzer: z.string(),
  version: z.string(),
});

export const TicketListQuery = z.object({
  linked: z.enum(["true", "false"]).optional().describe("false: only tickets no key tied to a customer"),
  churn_intent: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const TicketItem = z.object({
  id: z.string(),
  account_id: z.string().nullable(),
  customer_id: z.string().nullable(),
  linked_by: z.string().nullable().describe("customer_id, account_id, email_domain; null when unlinked"),
  submitted_at: z.string(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  analysis: z
    .object({
      summary: z.string().nullable(),
      category: z.string().nullable(),
      sentiment: z.string().nullable(),
      churn_intent: z.boolean().nullable(),
      recommended_action: z.string().nullable(),
      error: z.string().nullable(),
      analyzer: z.string(),
    })
    .nullable(),
});
export const TicketList = z.object({ items: z.array(TicketItem) });

export const TicketImportResult = z.object({
  import_id: z.number().int(),
  status: z.enum(["imported", "unchanged"]),
  rows: z.number().int(),
  preview: z.array(z.string()),
  linked: z.object({
    customer_id: z.number().int(),
    account_id: z.number().int(),
    email_domain: z.number().int(),
  }),
  unlinked: z.number().int(),
  truncated: z.number().int(),
});

/** POST /v1/tickets/analysis-runs */
export const NewAnalysisRun = z.object({
  limit: z.number().int().min(1).max(1_000_000).optional(),
  timeout_seconds: z.number().min(1).max(600).optional(),
  concurrency: z.number().int().min(1).max(32).optional(),
});

export const AnalysisRun = z.object({
  id: z.string(),
  /** queued: waiting for a worker; running; then done, cancelled or failed (after its retries). */
  status: z.enum(["queued", "running", "done", "cancelled", "failed"]),
  analyzer: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  analyzed: z.number().int(),
  errors: z.number().int(),
  timeouts: z.number().int(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  message: z.string().nullable(),
});
