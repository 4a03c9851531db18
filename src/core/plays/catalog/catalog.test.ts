import { describe, expect, it } from "vitest";
import { isChannel, type Tactic } from "../types.ts";
import { CATALOG, catalogProblems, tacticProblems } from "./index.ts";

/** Seed 002's 32 slugs in library order (../shared/seeds/002_*.txt). */
const LIBRARY = [
  "activation-rescue",
  "confusion-detection",
  "free-to-paid-conversion",
  "trial-conversion",
  "trial-extension-save",
  "staged-annual-offers",
  "rising-usage-upsell",
  "upgrade-readiness-score",
  "upgrade-moment-offers",
  "feature-discovery",
  "post-upgrade-onboarding",
  "upgrade-prompt-timing",
  "bill-the-right-person",
  "dunning-sms",
  "first-screen-save-offer",
  "hidden-rescue-plan",
  "no-login-payment-update",
  "pause-offer-at-cancellation",
  "pause-wall",
  "payment-failure-wall",
  "reason-matched-save-offers",
  "recovery-discount-in-dunning",
  "right-plan-recommendations",
  "discount-guardian",
  "monthly-to-annual-conversion",
  "price-testing",
  "plan-structure-review",
  "tenure-loyalty-discounts",
  "revenue-concentration-alert",
  "seasonal-demand-pricing",
  "usage-limit-upgrade-offers",
  "welcome-back-flows",
];
const EXTRAS = [
  "churn-risk-medium-watch",
  "churn-risk-high-intervention",
  "churn-risk-critical-winback",
  "dunning-win-back",
  "proactive-check-in",
  "success-resources",
  "escalation-flag",
  "upsell-limit-proximity",
  "upsell-usage-velocity",
];

describe("the tactic catalog", () => {
  it("holds the 32 library tactics, each citing its number, plus the seed 000 and 003 extras", () => {
    expect(CATALOG).toHaveLength(32 + EXTRAS.length);
    const slugs = CATALOG.map((t) => t.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs.filter((s) => LIBRARY.includes(s))).toEqual(LIBRARY);
    expect([...slugs].filter((s) => !LIBRARY.includes(s)).sort()).toEqual([...EXTRAS].sort());
    LIBRARY.forEach((slug, i) => {
      expect(CATALOG.find((t) => t.slug === slug)!.source).toBe(`seed 002 #${i + 1}`);
    });
  });

  it("validates: surfaces known, waits positive, offers bounded, evidence present", () => {
    expect(catalogProblems(CATALOG)).toEqual([]);
    for (const t of CATALOG) {
      expect(t.evidence.confidence.length).toBeGreaterThan(10);
      expect(t.guardrails.rules.length).toBeGreaterThan(0);
    }
  });

  it("gives org scope to the five catalog-level tactics, which only produce insights", () => {
    const org = CATALOG.filter((t) => t.scope === "org").map((t) => t.slug);
    expect(org.sort()).toEqual(
      [
        "price-testing",
        "plan-structure-review",
        "revenue-concentration-alert",
        "seasonal-demand-pricing",
        "right-plan-recommendations",
      ].sort(),
    );
    for (const slug of org) {
      const t = CATALOG.find((x) => x.slug === slug)!;
      expect(t.steps.some((s) => isChannel(s.surface))).toBe(false);
    }
  });

  it("declares the billing surfaces cancel-flow, payment and wall tactics need", () => {
    const needs = (slug: string) => CATALOG.find((t) => t.slug === slug)!.requires;
    expect(needs("first-screen-save-offer")).toContain("cancel_flow");
    expect(needs("no-login-payment-update")).toContain("payment_page");
    expect(needs("pause-wall")).toContain("wall");
    expect(needs("staged-annual-offers")).toEqual([]);
  });

  it("reports broken declarations in words", () => {
    const good = CATALOG.find((t) => t.slug === "staged-annual-offers")!;
    const bad: Tactic = {
      ...good,
      steps: [
        { id: "a", surface: "in_app", action: "x" },
        { id: "b", surface: "fax" as never, action: "y", waitDays: -1 },
      ],
      offer: { kind: "percent_forever", percent: { min: 30, default: 10, max: 20 } },
      evidence: { ...good.evidence, confidence: "" },
    };
    const p = tacticProblems(bad).join("\n");
    expect(p).toMatch(/unknown surface fax/);
    expect(p).toMatch(/wait must be positive/);
    expect(p).toMatch(/percent bounds/);
    expect(p).toMatch(/confidence phrase/);
    expect(catalogProblems([good, good])).toContain("staged-annual-offers: duplicate slug");
  });
});
