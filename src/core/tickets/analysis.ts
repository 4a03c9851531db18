import { z } from "zod";

export const TICKET_CATEGORIES = [
  "billing",
  "bug",
  "onboarding",
  "performance",
  "feature_request",
  "account",
  "expansion",
  "other",
] as const;
export const SENTIMENTS = ["negative", "neutral", "positive"] as const;

/** What every analyzer answers for one ticket (seed 004's JSON fields). */
export const TicketAnalysisSchema = z.strictObject({
  summary: z.string().min(1).max(300),
  category: z.enum(TICKET_CATEGORIES),
  sentiment: z.enum(SENTIMENTS),
  churn_intent: z.boolean(),
  recommended_action: z.string().min(1).max(300),
});
export type TicketAnalysis = z.infer<typeof TicketAnalysisSchema>;

/** One ticket's result: the analysis, or an error such as "timeout_after_11s"; and who answered. */
export type AnalysisResult =
  | { ok: true; analysis: TicketAnalysis; analyzer: string; version: string }
  | { ok: false; error: string; analyzer: string; version: string };

/** The port every analyzer implements (rules in process, or an LLM through an adapter). */
export interface TicketAnalyzer {
  /** e.g. "rules", "ollama:llama3.1:8b", "openai:qwen2.5-7b-instruct". */
  readonly name: string;
  /** Changes whenever the prompt, lexicon or rules change (part of the cache key). */
  readonly version: string;
  analyze(text: string, opts?: { signal?: AbortSignal }): Promise<AnalysisResult>;
}

/** Ticket text as analyzers see it: NUL bytes removed, whitespace collapsed, capped. */
export function cleanTicketText(text: string, maxChars = 4000): string {
  return text.replaceAll("\u0000", "").replace(/\s+/g, " ").trim().slice(0, maxChars);
}
