import { z } from "zod";
import { HoldfastError } from "../errors.ts";
import { SENTIMENTS, TICKET_CATEGORIES, type TicketAnalysis } from "./analysis.ts";

/** One line of the labeled evaluation set. */
export const LabeledTicketSchema = z.strictObject({
  text: z.string().min(1),
  category: z.enum(TICKET_CATEGORIES),
  sentiment: z.enum(SENTIMENTS),
  churn_intent: z.boolean(),
});
export type LabeledTicket = z.infer<typeof LabeledTicketSchema>;

type Category = TicketAnalysis["category"];

export interface EvalReport {
  tickets: number;
  churn_intent: {
    precision: number;
    recall: number;
    f1: number;
    tp: number;
    fp: number;
    fn: number;
    tn: number;
  };
  category: { accuracy: number; per_category: Record<Category, { n: number; accuracy: number }> };
  sentiment: { accuracy: number };
  /** The first 20 disagreements, in set order. */
  misses: { text: string; field: "churn_intent" | "category" | "sentiment"; expected: string; got: string }[];
}

const MAX_MISSES = 20;

/**
 * Parses a labeled set in JSONL (one ticket a line, blank lines skipped); a bad line throws an
 * invalid_input HoldfastError naming `source` and the line. Pure: the caller reads the text (src/usecases/evaluate-tickets.ts).
 */
export function parseEvalSet(text: string, source = "labeled set"): LabeledTicket[] {
  const out: LabeledTicket[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new HoldfastError(
        "invalid_input",
        `${source} line ${i + 1}: not JSON (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    const r = LabeledTicketSchema.safeParse(value);
    if (!r.success) {
      const why = r.error.issues.map((x) => `${x.path.join(".") || "(line)"}: ${x.message}`).join("; ");
      throw new HoldfastError("invalid_input", `${source} line ${i + 1}: ${why}`);
    }
    out.push(r.data);
  });
  return out;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Scores an analyzer against a labeled set: churn-intent P/R/F1, category and sentiment accuracy. */
export async function evaluateAnalyzer(
  analyze: (text: string) => TicketAnalysis | Promise<TicketAnalysis>,
  set: LabeledTicket[],
): Promise<EvalReport> {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let categoryOk = 0;
  let sentimentOk = 0;
  const perCategory = Object.fromEntries(TICKET_CATEGORIES.map((c) => [c, { n: 0, ok: 0 }])) as Record<
    Category,
    { n: number; ok: number }
  >;
  const misses: EvalReport["misses"] = [];
  const miss = (m: EvalReport["misses"][number]) => {
    if (misses.length < MAX_MISSES) misses.push(m);
  };

  for (const t of set) {
    const a = await analyze(t.text);
    if (a.churn_intent && t.churn_intent) tp++;
    else if (a.churn_intent) fp++;
    else if (t.churn_intent) fn++;
    else tn++;
    if (a.churn_intent !== t.churn_intent)
      miss({
        text: t.text,
        field: "churn_intent",
        expected: String(t.churn_intent),
        got: String(a.churn_intent),
      });

    const pc = perCategory[t.category];
    pc.n++;
    if (a.category === t.category) {
      categoryOk++;
      pc.ok++;
    } else miss({ text: t.text, field: "category", expected: t.category, got: a.category });

    if (a.sentiment === t.sentiment) sentimentOk++;
    else miss({ text: t.text, field: "sentiment", expected: t.sentiment, got: a.sentiment });
  }

  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    tickets: set.length,
    churn_intent: {
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
      tp,
      fp,
      fn,
      tn,
    },
    category: {
      accuracy: ratio(categoryOk, set.length),
      per_category: Object.fromEntries(
        TICKET_CATEGORIES.map((c) => [
          c,
          { n: perCategory[c].n, accuracy: ratio(perCategory[c].ok, perCategory[c].n) },
        ]),
      ) as Record<Category, { n: number; accuracy: number }>,
    },
    sentiment: { accuracy: ratio(sentimentOk, set.length) },
    misses,
  };
}
