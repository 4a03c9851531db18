import { type TicketAnalysis, TicketAnalysisSchema } from "../../core/tickets/analysis.ts";

export type ParsedAnalysis = { ok: true; analysis: TicketAnalysis } | { ok: false; error: string };

/** Some OpenAI-compatible servers ignore `response_format` and wrap the object in a code fence. */
const FENCE = /^```(?:json)?\s*([\s\S]*?)\s*```$/;

/** Reads the model's answer: JSON text that must match `TicketAnalysisSchema`. */
export function parseAnalysis(content: string): ParsedAnalysis {
  const text = content.trim();
  if (text === "") return { ok: false, error: "empty_answer" };
  let value: unknown;
  try {
    value = JSON.parse(FENCE.exec(text)?.[1] ?? text);
  } catch {
    return { ok: false, error: "invalid_json" };
  }
  const parsed = TicketAnalysisSchema.safeParse(value);
  if (!parsed.success) {
    const fields = [
      ...new Set(
        parsed.error.issues.flatMap((i) =>
          i.code === "unrecognized_keys" ? i.keys : [i.path.join(".") || "(root)"],
        ),
      ),
    ];
    return { ok: false, error: `schema_mismatch: ${fields.join(", ")}` };
  }
  return { ok: true, analysis: parsed.data };
}
