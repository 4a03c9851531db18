/**
 * The rules analyzer against the committed labeled set (src/core/tickets/eval-set.jsonl). These
 * tests read the file, so they live here rather than beside the pure code in src/core/tickets.
 */
import { describe, expect, it } from "vitest";
import winkSentiment from "wink-sentiment";
import { afinnSentiment } from "../src/core/tickets/afinn.ts";
import { TICKET_CATEGORIES } from "../src/core/tickets/analysis.ts";
import { CATEGORY_LEXICON } from "../src/core/tickets/category.ts";
import { evaluateAnalyzer } from "../src/core/tickets/evaluate.ts";
import { compilePatterns } from "../src/core/tickets/matcher.ts";
import { analyzeTicketText } from "../src/core/tickets/rules-analyzer.ts";
import { SENTIMENT_CUES } from "../src/core/tickets/sentiment.ts";
import { loadEvalSet } from "../src/usecases/evaluate-tickets.ts";

const set = loadEvalSet();

describe("the committed evaluation set", () => {
  it("has >= 320 distinct tickets, >= 25 per category, ~30% churn intent, seed 004's example", () => {
    expect(set.length).toBeGreaterThanOrEqual(320);
    for (const c of TICKET_CATEGORIES)
      expect(set.filter((t) => t.category === c).length).toBeGreaterThanOrEqual(25);
    const share = set.filter((t) => t.churn_intent).length / set.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    expect(new Set(set.map((t) => t.text)).size).toBe(set.length);
    expect(set).toContainEqual({
      text: "We like the product, but the renewal quote is beyond our budget. We're a small team and cannot justify the cost increase. Is there a lower tier or discount available? If not, we may downgrade or cancel before renewal next month.",
      category: "billing",
      sentiment: "negative",
      churn_intent: true,
    });
  });

  it("the rules analyzer meets the quality bar (churn precision >= 0.90, recall >= 0.85, category >= 0.80)", async () => {
    const r = await evaluateAnalyzer(analyzeTicketText, set);
    expect(r.churn_intent.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.churn_intent.recall).toBeGreaterThanOrEqual(0.85);
    expect(r.category.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(r.sentiment.accuracy).toBeGreaterThanOrEqual(0.75);
  });

  it.each([
    ["category", CATEGORY_LEXICON.map((e) => e.pattern)],
    ["sentiment", SENTIMENT_CUES.map(([p]) => p)],
  ])("the matcher finds exactly what one regex per pattern finds (%s lexicon)", (_, patterns) => {
    const W = "[a-z0-9_\\u00c0-\\u024f]";
    const slow = patterns.map((p) => new RegExp(`(?<!${W})(?:${p})(?!${W})`));
    const fast = compilePatterns(patterns);
    for (const t of set.map((x) => x.text.toLowerCase()))
      expect([...fast.firstIndexes(t)]).toEqual(slow.map((re) => re.exec(t)?.index ?? -1));
  });

  it("afinnSentiment agrees with wink-sentiment", () => {
    const texts = [...set.map((t) => t.text), "not good :(", "I love it 😍", "#fail", "I don't like it"];
    let same = 0;
    for (const t of texts) {
      const ours = afinnSentiment(t).normalizedScore;
      const theirs = winkSentiment(t).normalizedScore;
      expect(Math.sign(ours)).toBe(Math.sign(theirs));
      if (Math.abs(ours - theirs) < 0.01) same++;
    }
    expect(same / texts.length).toBeGreaterThan(0.97);
  });
});
