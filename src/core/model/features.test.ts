import { describe, expect, it } from "vitest";
import { contributionReasons, featureSpecs, traitSpecs } from "./features.ts";

describe("model features", () => {
  it("keeps traits of one type on enough customers, strings as categories by frequency", () => {
    const all = [
      { tier: "gold", mrr: 10, beta: true, mixed: 1 },
      { tier: "silver", mrr: 20, beta: false, mixed: "a" },
      { tier: "gold", mrr: 30 },
      null,
    ];
    expect(traitSpecs(all)).toEqual([
      { key: "mrr", type: "number" },
      { key: "tier", type: "string", categories: ["gold", "silver"] },
      { key: "beta", type: "boolean" },
    ]);
  });

  it("turns the largest contributions into reasons in words, strongest first", () => {
    const layout = { plans: ["Starter", "Pro"], traits: [] };
    const specs = featureSpecs(layout);
    const row = new Float64Array(specs.length).fill(Number.NaN);
    const values = new Float64Array(specs.length);
    const at = (name: string) => specs.findIndex((f) => f.name === name);
    row[at("api_calls_change")] = -0.58;
    values[at("api_calls_change")] = 0.12;
    row[at("plan")] = 1;
    values[at("plan")] = -0.3;
    row[at("nps")] = 40;
    values[at("nps")] = 0.001; // too small to say
    expect(contributionReasons(specs, row, values, layout).map((r) => r.text)).toEqual([
      "On the Pro plan: -0.30",
      "API calls down 58% week over week: +0.12",
    ]);
  });
});
