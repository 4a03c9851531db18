import { type AnalysisResult, cleanTicketText } from "../../core/tickets/analysis.ts";
import { parseAnalysis } from "./parse-analysis.ts";
import { PROMPT_VERSION } from "./prompt.ts";
import { CallStoppedError, timeoutError, withTimeout } from "./with-timeout.ts";

/** cleanTicketText's own default cap. */
export const DEFAULT_MAX_CHARS = 4000;

/** What a protocol adapter got back: the answer's text, or a reason it has none. */
export type ModelReply = { content: string; truncated: boolean } | { error: string };

export type ModelSettings = { timeoutMs: number; maxChars: number };

/** Checks the options every LLM analyzer shares, once, when it is created. */
export function modelSettings(opts: { model: string; timeoutMs: number; maxChars?: number }): ModelSettings {
  if (opts.model.trim() === "") throw new RangeError("LLM analyzer: model must not be empty");
  if (!Number.isFinite(opts.timeoutMs) || opts.timeoutMs <= 0) {
    throw new RangeError(`LLM analyzer: timeoutMs must be a positive number, got ${opts.timeoutMs}`);
  }
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  if (!Number.isInteger(maxChars) || maxChars <= 0) {
    throw new RangeError(`LLM analyzer: maxChars must be a positive integer, got ${maxChars}`);
  }
  return { timeoutMs: opts.timeoutMs, maxChars };
}

/** The prompt version, plus the cap when it is not the default: a different cap shows the model different text. */
export function modelAnalyzerVersion(maxChars: number): string {
  return maxChars === DEFAULT_MAX_CHARS ? PROMPT_VERSION : `${PROMPT_VERSION}+max${maxChars}`;
}

/**
 * One ticket through one model call: clean the text, call under the deadline, parse the answer.
 * Every failure becomes `{ ok: false, error }`; nothing throws.
 */
export async function analyzeWithModel(args: {
  analyzer: { name: string; version: string };
  settings: ModelSettings;
  text: string;
  signal?: AbortSignal;
  call: (cleanedText: string, signal: AbortSignal) => Promise<ModelReply>;
  describeError: (error: unknown) => string;
}): Promise<AnalysisResult> {
  const who = { analyzer: args.analyzer.name, version: args.analyzer.version };
  const fail = (error: string): AnalysisResult => ({ ok: false, error, ...who });

  const cleaned = cleanTicketText(args.text, args.settings.maxChars);
  if (cleaned === "") return fail("empty_text");

  let reply: ModelReply;
  try {
    reply = await withTimeout((signal) => args.call(cleaned, signal), {
      timeoutMs: args.settings.timeoutMs,
      signal: args.signal,
    });
  } catch (error) {
    if (error instanceof CallStoppedError) {
      return fail(error.reason === "timeout" ? timeoutError(args.settings.timeoutMs) : "aborted");
    }
    return fail(args.describeError(error));
  }
  if ("error" in reply) return fail(reply.error);

  const parsed = parseAnalysis(reply.content);
  if (!parsed.ok) return fail(reply.truncated ? "truncated_answer" : parsed.error);
  return { ok: true, analysis: parsed.analysis, ...who };
}
