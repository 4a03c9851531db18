import type { Tactic } from "../types.ts";
import { COLLIDE, exits, rules } from "./build.ts";

/** Seed 002 tactic #32 and seed 000's dunning-to-win-back: the reengage stage (churned customers). */
export const REENGAGE: readonly Tactic[] = [
  {
    // #32 Welcome-Back Flows
    slug: "welcome-back-flows",
    name: "Welcome-Back Flows",
    stage: "reengage",
    scope: "customer",
    source: "seed 002 #32",
    trigger: { type: "event", events: ["return_visit"] },
    eligibility: [{ fact: "subscription_status", in: ["canceled"] }],
    guardrails: {
      // #32: one welcome-back experience per return, never repeated on every visit.
      rateLimits: [{ max: 1, per: { key: "return" } }],
      collision: COLLIDE.winback,
      stages: ["churned"],
      rules: rules(
        ["frequency", "One welcome-back experience per return."],
        [
          "eligibility",
          "A confirmed identity match to an ended subscription; uncertain matches get the standard path.",
        ],
        [
          "offer_discipline",
          "Offer matched to the engagement profile within bounds; the return never deepens it.",
        ],
        ["collision", "Separate lifecycle outreach stops the moment a return is detected."],
      ),
    },
    steps: [
      {
        id: "welcome_back",
        surface: "in_app",
        action: "welcome_back.first_screen",
        offer: true,
        responsive: true,
      },
    ],
    exits: exits({ converted: ["resubscribed"], windowDays: 7 }),
    offer: { kind: "percent_forever", percent: { min: 0, default: 10, max: 20 } },
    success: {
      metric: "resubscribed",
      text: "Return-to-resubscribe and the second run's 90-day retention",
      windowDays: 90,
    },
    evidence: {
      grade: "causal",
      confidence:
        "almost certainly causal—the returner effect is one of four effects in the research measured with matched subscriber pairs",
      headline: "2.2× the lifetime value of the first subscription on a returning subscriber’s second run",
    },
    requires: [],
    params: {},
  },
  {
    // Seed 000: Dunning-to-Win-Back: churned through non-payment -> email cadence + discount offer.
    slug: "dunning-win-back",
    name: "Dunning-to-Win-Back",
    stage: "reengage",
    scope: "customer",
    source: "seed 000 dunning-to-win-back",
    trigger: { type: "event", events: ["churned_non_payment"] },
    eligibility: [{ fact: "subscription_status", in: ["canceled"] }],
    guardrails: {
      rateLimits: [{ max: 1, per: { days: 365 } }],
      collision: COLLIDE.winback,
      stages: ["churned"],
      rules: rules(
        ["cadence", "A timed series of re-engagement emails with account recovery messaging."],
        ["offer", "A personalised discount only where appropriate, within operator bounds."],
        ["outcomes", "Reactivated or lost outcomes are recorded and fed back to the churn model."],
      ),
    },
    steps: [
      { id: "recover_1", surface: "email", action: "winback.recover_account" },
      {
        id: "recover_2",
        surface: "email",
        action: "winback.recover_account",
        waitDays: 7,
        when: "unanswered",
      },
      {
        id: "offer",
        surface: "email",
        action: "winback.discount_offer",
        waitDays: 7,
        when: "unanswered",
        offer: true,
      },
    ],
    exits: exits({ converted: ["resubscribed"], windowDays: 45 }),
    offer: { kind: "percent_forever", percent: { min: 5, default: 15, max: 30 } },
    success: {
      metric: "reactivated",
      text: "Reactivated against lost, fed back to the churn model",
      windowDays: 90,
    },
    evidence: {
      grade: "unrated",
      confidence: "a product automation described by seed 000, with no measured effect given",
      headline: "Re-engagement cadence plus discount offer after non-payment churn",
    },
    requires: [],
    params: {},
  },
];
