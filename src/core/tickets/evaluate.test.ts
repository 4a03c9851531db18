import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TICKET_CATEGORIES, type TicketAnalysis } from "./analysis.ts";
import { evaluateAnalyzer, type LabeledTicket, loadEvalSet } from "./evaluate.ts";

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

describe("loadEvalSet", () => {
  const dir = mkdtempSync(join(tmpdir(), "holdfast-eval-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const good = JSON.stringify({ text: "hi", category: "other", sentiment: "neutral", churn_intent: false });

  it("reads a JSONL file, skipping blank lines", () => {
    const p = join(dir, "ok.jsonl");
    writeFileSync(p, `${good}\n\n${good}\r\n`);
    expect(loadEvalSet(p)).toHaveLength(2);
  });

  it("names the line of an invalid record", () => {
    const p = join(dir, "bad.jsonl");
    const bad = JSON.stringify({ text: "x", category: "sales", sentiment: "neutral", churn_intent: false });
    writeFileSync(p, `${good}\n${good}\n${bad}\n`);
    expect(() => loadEvalSet(p)).toThrow(/line 3: category/);
  });

  it("names the line that is not JSON", () => {
    const p = join(dir, "notjson.jsonl");
    writeFileSync(p, `${good}\n{"text": "oops"\n`);
    expect(() => loadEvalSet(p)).toThrow(/line 2: not JSON/);
  });

  it("rejects a record with a missing or extra field", () => {
    const p = join(dir, "extra.jsonl");
    writeFileSync(p, `${JSON.stringify({ text: "x", category: "bug", sentiment: "neutral" })}\n`);
    expect(() => loadEvalSet(p)).toThrow(/line 1: churn_intent/);
    writeFileSync(p, `${good.slice(0, -1)},"note":"x"}\n`);
    expect(() => loadEvalSet(p)).toThrow(/line 1/);
  });

  it("loads the committed set: >= 320 tickets, >= 25 per category, ~30% churn intent, seed 004", () => {
    const set = loadEvalSet();
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
});
