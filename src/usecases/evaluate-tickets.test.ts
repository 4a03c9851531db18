import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_EVAL_SET, evaluateTickets, loadEvalSet } from "./evaluate-tickets.ts";

describe("evaluate tickets", () => {
  const dir = mkdtempSync(join(tmpdir(), "holdfast-eval-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const line = (l: object) =>
    JSON.stringify({ text: "hi", category: "other", sentiment: "neutral", churn_intent: false, ...l });

  it("reads a JSONL file, skipping blank lines", () => {
    const p = join(dir, "ok.jsonl");
    writeFileSync(p, `${line({})}\n\n${line({})}\r\n`);
    expect(loadEvalSet(p)).toHaveLength(2);
  });

  it("names the file and line of an invalid record", () => {
    const p = join(dir, "bad.jsonl");
    writeFileSync(p, `${line({})}\n${line({ category: "sales" })}\n`);
    expect(() => loadEvalSet(p)).toThrow(`${p} line 2: category`);
  });

  it("refuses a file it cannot read with invalid_input", () => {
    const p = join(dir, "missing.jsonl");
    expect(() => loadEvalSet(p)).toThrow(
      expect.objectContaining({ code: "invalid_input", message: `cannot read the labeled set ${p}` }),
    );
  });

  it("defaults to the committed set", () => {
    expect(DEFAULT_EVAL_SET).toMatch(/eval-set\.jsonl$/);
    expect(loadEvalSet().length).toBeGreaterThanOrEqual(320);
  });

  it("scores the rules analyzer, or the analyzer given, against a set file", async () => {
    const p = join(dir, "two.jsonl");
    writeFileSync(
      p,
      `${line({ text: "Please cancel our subscription, we are moving to a competitor.", category: "account", sentiment: "negative", churn_intent: true })}\n${line({ text: "Thanks, all good now!", sentiment: "positive" })}\n`,
    );
    const rules = await evaluateTickets({ setPath: p });
    expect(rules.tickets).toBe(2);
    expect(rules.churn_intent.tp + rules.churn_intent.fn).toBe(1);
    const never = await evaluateTickets({
      setPath: p,
      analyze: () => ({
        summary: "s",
        recommended_action: "r",
        category: "other",
        sentiment: "neutral",
        churn_intent: false,
      }),
    });
    expect(never.churn_intent).toMatchObject({ tp: 0, fp: 0, fn: 1, tn: 1 });
    expect(never.category.accuracy).toBe(0.5);
  });
});
