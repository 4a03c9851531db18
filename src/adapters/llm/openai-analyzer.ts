import OpenAI from "openai";
import type { TicketAnalyzer } from "../../core/tickets/analysis.ts";
import { describeOtherError, shortReason } from "./describe-error.ts";
import { analyzeWithModel, type ModelReply, modelAnalyzerVersion, modelSettings } from "./model-analysis.ts";
import { TICKET_ANALYSIS_JSON_SCHEMA, ticketMessages } from "./prompt.ts";
import { timeoutError } from "./with-timeout.ts";

export type OpenAICompatibleAnalyzerOptions = {
  /** e.g. "http://127.0.0.1:8080/v1" (llama.cpp server), "http://127.0.0.1:8000/v1" (vLLM). */
  baseURL: string;
  model: string;
  /** Local servers usually need none. */
  apiKey?: string;
  /** Per ticket, covering the whole request. */
  timeoutMs: number;
  /** Ticket text is capped to this many characters before it is sent (default 4000). */
  maxChars?: number;
  fetch?: typeof fetch;
};

/**
 * Analyzes tickets through any OpenAI-compatible `/chat/completions` (llama.cpp server, vLLM,
 * LM Studio), the answer constrained by `response_format: json_schema`.
 */
export function createOpenAICompatibleAnalyzer(opts: OpenAICompatibleAnalyzerOptions): TicketAnalyzer {
  const settings = modelSettings(opts);
  const analyzer = { name: `openai:${opts.model}`, version: modelAnalyzerVersion(settings.maxChars) };
  const client = new OpenAI({
    baseURL: opts.baseURL,
    apiKey: opts.apiKey ?? "not-needed",
    maxRetries: 0,
    timeout: settings.timeoutMs,
    // The client would otherwise fill these from OPENAI_ORG_ID / OPENAI_PROJECT_ID and send them
    // to whatever endpoint is configured; config comes from src/config/env.ts only.
    organization: null,
    project: null,
    logLevel: "off",
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });

  async function call(cleanedText: string, signal: AbortSignal): Promise<ModelReply> {
    const completion = await client.chat.completions.create(
      {
        model: opts.model,
        messages: ticketMessages(cleanedText),
        temperature: 0,
        response_format: {
          type: "json_schema",
          json_schema: { name: "ticket_analysis", schema: TICKET_ANALYSIS_JSON_SCHEMA, strict: true },
        },
      },
      { signal },
    );
    const choice = completion?.choices?.[0];
    if (!choice?.message) return { error: "invalid_response: no choices" };
    if (choice.message.refusal) return { error: shortReason("refused", choice.message.refusal) };
    if (typeof choice.message.content !== "string") return { error: "invalid_response: no message content" };
    return { content: choice.message.content, truncated: choice.finish_reason === "length" };
  }

  function describeError(error: unknown): string {
    // The client's own timer (same length as ours) can win the race by a tick.
    if (error instanceof OpenAI.APIConnectionTimeoutError) return timeoutError(settings.timeoutMs);
    if (error instanceof OpenAI.APIError && typeof error.status === "number") {
      const body = error.error as { message?: unknown } | undefined;
      return shortReason(
        `http_${error.status}`,
        typeof body?.message === "string" ? body.message : undefined,
      );
    }
    if (error instanceof OpenAI.APIConnectionError) return describeOtherError(error.cause ?? error);
    return describeOtherError(error);
  }

  return Object.freeze({
    ...analyzer,
    analyze: (text: string, callOpts?: { signal?: AbortSignal }) =>
      analyzeWithModel({ analyzer, settings, text, signal: callOpts?.signal, call, describeError }),
  });
}
