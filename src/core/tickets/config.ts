import { z } from "zod";

/**
 * Which analyzer reads ticket text, and its limits. Ticket text never leaves the machine unless
 * an operator points `url` at a remote endpoint.
 */
export const ticketsConfigSchema = z.strictObject({
  analyzer: z.enum(["rules", "ollama", "openai"]),
  /** Model name for ollama / openai-compatible servers. */
  model: z.string().min(1),
  /** Ollama host (default http://127.0.0.1:11434) or an OpenAI-compatible base URL (.../v1). */
  url: z.string().url(),
  apiKey: z.string().optional(),
  timeoutSeconds: z.number().min(1).max(600),
  concurrency: z.number().int().min(1).max(32),
  maxChars: z.number().int().min(200).max(50_000),
  /** Most tickets one batch run analyzes. */
  batchLimit: z.number().int().min(1).max(1_000_000),
});
export type TicketsConfig = z.infer<typeof ticketsConfigSchema>;

export const DEFAULT_TICKETS: TicketsConfig = {
  analyzer: "rules",
  model: "llama3.1:8b",
  url: "http://127.0.0.1:11434",
  timeoutSeconds: 60,
  concurrency: 2,
  maxChars: 4000,
  batchLimit: 100_000,
};
