import { describe, expect, it } from "vitest";
import { TICKET_CATEGORIES, type TicketAnalysis } from "./analysis.ts";
import { evaluateAnalyzer, type LabeledTicket, parseEvalSet } from "./evaluate.ts";

const analysis = (a: Pick<TicketAnalysis, "category" | "sentiment" | "churn_intent">): TicketAnalysis => ({
  summary: "s",
  recommended_action: "r",
  ...a,
});

const label = (text: string, l: Omit<LabeledTicket, "text">): LabeledTicket => ({ text, ...l });

/** Five tickets: churn tp 2, fp 1, fn 1, tn 1; category 3 of 5 right; sentiment 4 of 5 right. */
const SET: LabeledTicket[] = [
  label("a", { category: "billing", sentiment: "negative", churn_intent: true }),
  label("b", { category: "billing", sentiment: "neutral", churn_intent: true }),
  label("c", { category: "bug", sentiment: "neutral", churn_intent: false }),
  label("d", { category: "bug", sentiment: "positive", churn_intent: true }),
  label("e", { category: "other", sentiment: "neutral", churn_intent: false }),
];
const ANSWERS: Record<string, TicketAnalysis> = {
  a: analysis({ category: "billing", sentiment: "negative", churn_intent: true }), // tp
  b: analysis({ category: "account", sentiment: "neutral", churn_intent: true }), // tp, category miss
  c: analysis({ category: "bug", sentiment: "neutral", churn_intent: true }), // fp
  d: analysis({ category: "performance", sentiment: "positive", churn_intent: false }), // fn, category miss
  e: analysis({ category: "other", sentiment: "negative", churn_intent: false }), // tn, sentiment miss
};

describe("evaluateAnalyzer", () => {
  it("counts churn intent, category and sentiment agreement", async () => {
    const r = await evaluateAnalyzer((t) => ANSWERS[t]!, SET);
    expect(r.tickets).toBe(5);
    expect(r.churn_intent).toMatchObject({ tp: 2, fp: 1, fn: 1, tn: 1 });
    expect(r.churn_intent.precision).toBeCloseTo(2 / 3);
    expect(r.churn_intent.recall).toBeCloseTo(2 / 3);
    expect(r.churn_intent.f1).toBeCloseTo(2 / 3);
    expect(r.category.accuracy).toBeCloseTo(3 / 5);
    expect(r.category.per_category.billing).toEqual({ n: 2, accuracy: 0.5 });
    expect(r.category.per_category.bug).toEqual({ n: 2, accuracy: 0.5 });
    expect(r.category.per_category.other).toEqual({ n: 1, accuracy: 1 });
    expect(r.category.per_category.account).toEqual({ n: 0, accuracy: 0 });
    expect(Object.keys(r.category.per_category).sort()).toEqual([...TICKET_CATEGORIES].sort());
    expect(r.sentiment.accuracy).toBeCloseTo(4 / 5);
    expect(r.misses).toEqual([
      { text: "b", field: "category", expected: "billing", got: "account" },
      { text: "c", field: "churn_intent", expected: "false", got: "true" },
      { text: "d", field: "churn_intent", expected: "true", got: "false" },
      { text: "d", field: "category", expected: "bug", got: "performance" },
      { text: "e", field: "sentiment", expected: "neutral", got: "negative" },
    ]);
  });

  it("accepts an async analyzer and keeps only the first 20 misses", async () => {
    const set = Array.from({ length: 30 }, (_, i) =>
      label(`t${i}`, { category: "bug", sentiment: "neutral", churn_intent: false }),
    );
    const r = await evaluateAnalyzer(
      async () => analysis({ category: "bug", sentiment: "negative", churn_intent: false }),
      set,
    );
    expect(r.sentiment.accuracy).toBe(0);
    expect(r.misses).toHaveLength(20);
    expect(r.misses[19]?.text).toBe("t19");
    // No positives at all: precision and recall are 0, not NaN.
    expect(r.churn_intent).toEqual({ precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 0, tn: 30 });
  });

  it("handles an empty set", async () => {
    const r = await evaluateAnalyzer(
      () => analysis({ category: "bug", sentiment: "neutral", churn_intent: false }),
      [],
    );
    expect(r.tickets).toBe(0);
    expect(r.category.accuracy).toBe(0);
  });
});

describe("parseEvalSet", () => {
  const good = JSON.stringify({ text: "hi", category: "other", sentiment: "neutral", churn_intent: false });

  it("reads JSONL text, skipping blank lines", () => {
    expect(parseEvalSet(`${good}\n\n${good}\r\n`)).toEqual([
      { text: "hi", category: "other", sentiment: "neutral", churn_intent: false },
      { text: "hi", category: "other", sentiment: "neutral", churn_intent: false },
    ]);
    expect(parseEvalSet("")).toEqual([]);
  });

  it("names the source and line of an invalid record", () => {
    const bad = JSON.stringify({ text: "x", category: "sales", sentiment: "neutral", churn_intent: false });
    expect(() => parseEvalSet(`${good}\n${good}\n${bad}\n`, "bad.jsonl")).toThrow(
      /^bad\.jsonl line 3: category/,
    );
    expect(() => parseEvalSet(bad)).toThrow(/^labeled set line 1: category/);
    expect(() => parseEvalSet(bad)).toThrow(expect.objectContaining({ code: "invalid_input" }));
  });

  it("names the line that is not JSON", () => {
    expect(() => parseEvalSet(`${good}\n{"text": "oops"\n`)).toThrow(/line 2: not JSON/);
  });

  it("rejects a record with a missing or extra field", () => {
    expect(() =>
      parseEvalSet(`${JSON.stringify({ text: "x", category: "bug", sentiment: "neutral" })}\n`),
    ).toThrow(/line 1: churn_intent/);
    expect(() => parseEvalSet(`${good.slice(0, -1)},"note":"x"}\n`)).toThrow(/line 1/);
  });
});
