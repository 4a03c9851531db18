import { type AnalysisResult, cleanTicketText, type TicketAnalyzer } from "../analysis.ts";
import type { TicketCategory } from "../category.ts";
import { analyzeTicketText, RULES_VERSION, recommendAction } from "../rules-analyzer.ts";
import { predictCategory, type TicketCategoryModel } from "./ticket-classifier.ts";

/** What a CSM said a ticket's analysis should be (by the ticket's cleaned text). */
export interface CorrectionOverride {
  category: TicketCategory | null;
  churn_intent: boolean | null;
}

/**
 * The rules analyzer, with the category from the blended classifier when it won cross-validation,
 * and a CSM's correction taking precedence for the ticket it was made on. Named "rules" (it is the
 * rules pipeline); its version names the training set, so a new correction re-analyzes the tickets.
 */
export function createBlendedAnalyzer(opts: {
  model?: TicketCategoryModel | undefined;
  overrides: ReadonlyMap<string, CorrectionOverride>;
  trainingHash: string;
}): TicketAnalyzer {
  const version = `${RULES_VERSION}+${opts.model ? "lr" : "c"}-${opts.trainingHash.slice(0, 12)}`;
  return {
    name: "rules",
    version,
    async analyze(text: string): Promise<AnalysisResult> {
      try {
        const a = analyzeTicketText(text);
        const clean = cleanTicketText(text);
        if (opts.model) a.category = predictCategory(opts.model, clean);
        const o = opts.overrides.get(clean);
        if (o?.category) a.category = o.category;
        if (o && o.churn_intent !== null) a.churn_intent = o.churn_intent;
        a.recommended_action = recommendAction(a.category, a.churn_intent);
        return { ok: true, analysis: a, analyzer: "rules", version };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e), analyzer: "rules", version };
      }
    },
  };
}
