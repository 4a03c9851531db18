import { describe, expect, it } from "vitest";
import { analyzeTicketText, recommendAction } from "./rules-analyzer.ts";

describe("expansion requests", () => {
  it.each([
    "Hi, we'd like to add 20 seats for the new hires.",
    "Can we upgrade to annual? Monthly is a hassle.",
    "Please bump us from 25 to 50 licenses.",
    "We want to move up to the Business tier for SSO.",
  ])("%s -> expansion, with a sales action rather than a billing one", (text) => {
    const a = analyzeTicketText(text);
    expect(a.category).toBe("expansion");
    expect(a.churn_intent).toBe(false);
    expect(a.recommended_action).toBe(recommendAction("expansion", false));
    expect(a.recommended_action).not.toMatch(/invoice|charge|billing|discount/i);
  });

  it("billing disputes about seats stay billing; leaving is never expansion", () => {
    expect(analyzeTicketText("We were billed for 30 seats but only have 22 users.").category).toBe("billing");
    const leaving = analyzeTicketText(
      "Too expensive. We will cancel our subscription instead of adding 10 more seats.",
    );
    expect(leaving.churn_intent).toBe(true);
    expect(leaving.category).not.toBe("expansion");
  });
});
