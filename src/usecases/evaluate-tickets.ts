import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { HoldfastError } from "../core/errors.ts";
import type { TicketAnalysis } from "../core/tickets/analysis.ts";
import {
  type EvalReport,
  evaluateAnalyzer,
  type LabeledTicket,
  parseEvalSet,
} from "../core/tickets/evaluate.ts";
import { analyzeTicketText } from "../core/tickets/rules-analyzer.ts";

/** The committed labeled set (labelled by the policy stated in core/tickets/rules-analyzer.ts). */
export const DEFAULT_EVAL_SET = fileURLToPath(new URL("../core/tickets/eval-set.jsonl", import.meta.url));

/**
 * Reads a JSONL labeled set (default: the committed one). An unreadable file or a bad line throws an
 * invalid_input HoldfastError naming the file (and the line).
 */
export function loadEvalSet(path: string = DEFAULT_EVAL_SET): LabeledTicket[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new HoldfastError("invalid_input", `cannot read the labeled set ${path}`, {
      details: [e instanceof Error ? e.message : String(e)],
      cause: e,
    });
  }
  return parseEvalSet(text, path);
}

/**
 * `holdfast tickets evaluate`: scores an analyzer (default: the rules analyzer) against a labeled
 * set file (default: the committed one).
 */
export async function evaluateTickets(
  opts: {
    setPath?: string | undefined;
    analyze?: (text: string) => TicketAnalysis | Promise<TicketAnalysis>;
  } = {},
): Promise<EvalReport> {
  const set = loadEvalSet(opts.setPath);
  return evaluateAnalyzer(opts.analyze ?? analyzeTicketText, set);
}
