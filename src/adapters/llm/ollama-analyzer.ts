import { Ollama } from "ollama";
import type { TicketAnalyzer } from "../../core/tickets/analysis.ts";
import { describeOtherError, shortReason } from "./describe-error.ts";
import { analyzeWithModel, type ModelReply, modelAnalyzerVersion, modelSettings } from "./model-analysis.ts";
import { TICKET_ANALYSIS_JSON_SCHEMA, ticketMessages } from "./prompt.ts";

export type OllamaAnalyzerOptions = {
  /** e.g. "http://127.0.0.1:11434". */
  host: string;
  /** e.g. "llama3.1:8b". */
  model: string;
  /** Per ticket, covering the whole request. */
  timeoutMs: number;
  /** Ticket text is capped to this many characters before it is sent (default 4000). */
  maxChars?: number;
  fetch?: typeof fetch;
};

/** Analyzes tickets with a local Ollama through `/api/chat`, the answer constrained to the JSON schema. */
export function createOllamaAnalyzer(opts: OllamaAnalyzerOptions): TicketAnalyzer {
  const settings = modelSettings(opts);
  const analyzer = { name: `ollama:${opts.model}`, version: modelAnalyzerVersion(settings.maxChars) };
  const baseFetch = opts.fetch ?? fetch;

  async function call(cleanedText: string, signal: AbortSignal): Promise<ModelReply> {
    // A non-streaming chat() takes no AbortSignal (and Ollama.abort() only stops streams), so the
    // signal reaches the request through the fetch the client is built with, one client per call.
    const client = new Ollama({
      host: opts.host,
      fetch: (input, init) => baseFetch(input, { ...init, signal }),
    });
    const response = await client.chat({
      model: opts.model,
      messages: ticketMessages(cleanedText),
      format: TICKET_ANALYSIS_JSON_SCHEMA,
      stream: false,
      options: { temperature: 0 },
    });
    const content = response?.message?.content;
    if (typeof content !== "string") return { error: "invalid_response: no message content" };
    return { content, truncated: response.done_reason === "length" };
  }

  return Object.freeze({
    ...analyzer,
    analyze: (text: string, callOpts?: { signal?: AbortSignal }) =>
      analyzeWithModel({ analyzer, settings, text, signal: callOpts?.signal, call, describeError }),
  });
}

function describeError(error: unknown): string {
  // ollama's ResponseError: `error` is the server's message ("model 'x' not found").
  if (error instanceof Error && error.name === "ResponseError" && "status_code" in error) {
    const { status_code, message } = error as Error & { status_code: unknown };
    return shortReason(`http_${String(status_code)}`, message);
  }
  return describeOtherError(error);
}
