import { expect, it } from "vitest";
import { parseAnalysis } from "./parse-analysis.ts";

const good = {
  summary: "Customer was charged twice.",
  category: "billing",
  sentiment: "negative",
  churn_intent: true,
  recommended_action: "Refund the duplicate charge.",
};

it("accepts an object matching the schema, bare or in a code fence", () => {
  expect(parseAnalysis(JSON.stringify(good))).toEqual({ ok: true, analysis: good });
  expect(parseAnalysis(`\`\`\`json\n${JSON.stringify(good)}\n\`\`\``)).toEqual({ ok: true, analysis: good });
});

it.each([
  ["", "empty_answer"],
  ["{not json", "invalid_json"],
  [JSON.stringify({ ...good, category: "pricing" }), "schema_mismatch: category"],
  [JSON.stringify({ ...good, churn_intent: "yes", summary: "" }), "schema_mismatch: summary, churn_intent"],
  [JSON.stringify({ ...good, mood: "sad" }), "schema_mismatch: mood"],
  ["[1, 2]", "schema_mismatch: (root)"],
])("refuses %j with %s", (content, error) => {
  expect(parseAnalysis(content)).toEqual({ ok: false, error });
});
